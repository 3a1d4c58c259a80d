import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { PgBossJobs } from '../../../../scheduling/adapters/pg/jobs/PgBossJobs.js';
import { jobsContract } from '../../../contracts/jobsContract.js';
import { ManualClock } from '../../../fakes/ManualClock.js';
import { ManualJobs } from '../../../fakes/ManualJobs.js';
import { openTestPglite } from '../../../fakes/testDb.js';
import { eventually, onPgBoss } from './pgBossUnderTest.js';

// The same contract on the PostgreSQL server is in PgBossJobs.postgres.test.ts (a file of its own,
// so the two engines' waits overlap in two test workers).
jobsContract('pg-boss on PGlite (embedded)', onPgBoss(openTestPglite));
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

describe('PgBossJobs: a job due now starts at once in the process that works it', () => {
  it('runs a job scheduled without runAt although the workers look only every 10 minutes', { timeout: 60_000 }, async () => {
    const db = await openTestPglite();
    const jobs = new PgBossJobs(db, pino({ level: 'silent' }), { pollingIntervalSeconds: 600, retryDelaySeconds: 1 });
    try {
      const ran: string[] = [];
      await jobs.work({ 'test.now': async (data) => void ran.push(String(data.n)) });
      // The workers' first look happens as they start; wait until it is over, so only a wake-up can run the next job.
      await sleep(2_000);
      await jobs.schedule('test.now', { n: 'first' });
      // Without the wake-up this waits for the next poll (10 minutes) and the test times out.
      await eventually(() => ran.length === 1, 50_000);
      expect(ran).toEqual(['first']);
    } finally {
      await jobs.stop();
      await db.close();
    }
  });
});
