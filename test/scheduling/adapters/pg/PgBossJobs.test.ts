import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { PgBossJobs } from '../../../../scheduling/adapters/pg/jobs/PgBossJobs.js';
import type { Db } from '../../../../scheduling/adapters/pg/Db.js';
import { jobsContract, type JobsUnderTest } from '../../../contracts/jobsContract.js';
import { ManualClock } from '../../../fakes/ManualClock.js';
import { ManualJobs } from '../../../fakes/ManualJobs.js';
import { openTestPglite, openTestPostgres } from '../../../fakes/testDb.js';

/** Fast settings for tests: polls every half second, retries after about a second. */
export const fastJobSettings = { pollingIntervalSeconds: 0.5, retryDelaySeconds: 1 } as const;

async function eventually(check: () => boolean | Promise<boolean>, withinMs = 30_000): Promise<void> {
  const until = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not so within ${withinMs} ms`);
    await sleep(100);
  }
}

function onPgBoss(openDb: () => Promise<Db>): () => Promise<JobsUnderTest> {
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
        await db.close();
      },
    };
  };
}

jobsContract('pg-boss on PGlite (embedded)', onPgBoss(openTestPglite));
jobsContract('pg-boss on the PostgreSQL server', onPgBoss(openTestPostgres));
jobsContract('ManualJobs (the tests\' engine)', async () => {
  const clock = new ManualClock('2026-11-23T09:00:00Z');
  const jobs = new ManualJobs(clock);
  return {
    jobs,
    work: async (handlers) => jobs.work(handlers),
    now: () => clock.now(),
    pass: (ms) => jobs.advance(ms, 500),
    eventually: async (check) => {
      for (let step = 0; step < 120 && !check(); step++) await jobs.advance(500, 500);
      if (!check()) throw new Error('not so within a minute of manual time');
    },
    retryRecorded: async () => undefined, // a failed job is back in the queue before its handler's promise settles
    close: async () => undefined,
  };
});
