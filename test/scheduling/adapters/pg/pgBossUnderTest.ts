/** pg-boss under the jobs contract: shared by the embedded and the PostgreSQL contract files. */
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { PgBossJobs } from '../../../../scheduling/adapters/pg/jobs/PgBossJobs.js';
import type { Db } from '../../../../scheduling/adapters/pg/Db.js';
import type { JobsUnderTest } from '../../../contracts/jobsContract.js';

/** Fast settings for tests: polls every half second, retries after about a second. */
export const fastJobSettings = { pollingIntervalSeconds: 0.5, retryDelaySeconds: 1 } as const;

export async function eventually(check: () => boolean | Promise<boolean>, withinMs = 30_000): Promise<void> {
  const until = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not so within ${withinMs} ms`);
    await sleep(100);
  }
}

/** pg-boss over a store `openDb` opens, for the jobs contract. */
export function onPgBoss(openDb: () => Promise<Db>): () => Promise<JobsUnderTest> {
  return async () => {
    const db = await openDb();
    const jobs = new PgBossJobs(db, pino({ level: 'silent' }), fastJobSettings);
    return {
      jobs,
      work: (handlers) => jobs.work(handlers),
      now: () => new Date(),
      pass: (ms) => sleep(ms),
      eventually: (check) => eventually(check),
      retryRecorded: () => eventually(async () => (await db.query("select 1 from pgboss.job where state = 'retry'")).rowCount > 0),
      close: async () => {
        await jobs.stop();
        // pg-boss's schema goes with the test, so a pooled store goes back to the pool in the
        // template's shape instead of being closed for good (a new one costs half a CPU-second).
        await db.exec('drop schema if exists pgboss cascade');
        await db.close();
      },
    };
  };
}

