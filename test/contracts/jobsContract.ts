import { describe, expect, test } from 'vitest';
import type { JobData, JobHandlers, Jobs } from '../../scheduling/ports/Jobs.js';

/** An engine under test and how time passes for it. */
export interface JobsUnderTest {
  readonly jobs: Jobs;
  /** Starts running `handlers` (the bot's `work`). */
  work(handlers: JobHandlers): Promise<void>;
  /** The engine's time now (the wall clock, or the test's manual clock). */
  now(): Date;
  /** Lets `ms` of the engine's time pass, running what falls due. */
  pass(ms: number): Promise<void>;
  /** Waits until a failed attempt is on record as waiting for its retry. */
  retryRecorded(): Promise<void>;
  /** Lets time pass until `check` holds (fails when it never does). */
  eventually(check: () => boolean): Promise<void>;
  close(): Promise<void>;
}

/** One test's engine and what its handlers ran, with the engine's time each ran at. */
interface Run {
  readonly t: JobsUnderTest;
  readonly ran: Array<{ name: string; data: JobData; at: Date }>;
  record(job: string): (data: JobData) => Promise<void>;
  runs(job: string): Array<{ name: string; data: JobData; at: Date }>;
}

/**
 * What every `Jobs` engine must do. Run by test/scheduling/adapters/pg/PgBossJobs*.test.ts on
 * pg-boss over the embedded PGlite and over the PostgreSQL server, and on the tests' ManualJobs.
 * Each test opens its own engine (its own store) and records what ran in memory. The tests of one
 * engine run side by side (`test.concurrent`): most of their time is spent waiting for polls and
 * retry delays, and nothing is shared between them.
 */
export function jobsContract(name: string, open: () => Promise<JobsUnderTest>): void {
  const it = (title: string, body: (run: Run) => Promise<void>) =>
    test.concurrent(title, async () => {
      const t = await open();
      const ran: Run['ran'] = [];
      const run: Run = {
        t,
        ran,
        record: (job) => async (data) => void ran.push({ name: job, data, at: t.now() }),
        runs: (job) => ran.filter((r) => r.name === job),
      };
      try {
        await body(run);
      } finally {
        await t.close();
      }
    });

  describe(`Jobs contract: ${name}`, () => {
    it('runs a scheduled job once, with its data as it was given', async ({ t, record, runs }) => {
      await t.work({ 'test.echo': record('test.echo'), 'test.other': record('test.other') });
      const data = { requestId: 'r-1', count: 3, urgent: true, note: null, text: 'quote " and \\ and ünïcode' };
      await t.jobs.schedule('test.echo', data);
      await t.eventually(() => runs('test.echo').length === 1);
      await t.pass(2_500); // a few polls more: it does not run again
      expect(runs('test.echo')).toEqual([expect.objectContaining({ data })]);
      expect(runs('test.other')).toEqual([]);
    });

    it('does not run a job before its runAt', async ({ t, record, runs }) => {
      await t.work({ 'test.later': record('test.later') });
      const runAt = new Date(t.now().getTime() + 3_000);
      await t.jobs.schedule('test.later', { n: 1 }, { runAt });
      await t.pass(1_500);
      // Not "nothing ran yet": on a loaded machine scheduling and the 1.5 s can together pass
      // runAt (a clean-clone run saw it), and then the job rightly ran. Nothing ran before it.
      expect(runs('test.later').filter((r) => r.at.getTime() < runAt.getTime())).toEqual([]);
      await t.eventually(() => runs('test.later').length === 1);
      expect(runs('test.later')[0]!.at.getTime()).toBeGreaterThanOrEqual(runAt.getTime());
    });

    it('adds no second waiting job for a key already waiting, and keys are per job name', async ({ t, record, runs }) => {
      const runAt = new Date(t.now().getTime() + 2_000);
      await t.jobs.schedule('test.keyed', { n: 1 }, { runAt, key: 'booking-1' });
      await t.jobs.schedule('test.keyed', { n: 2 }, { runAt, key: 'booking-1' });
      await t.jobs.schedule('test.keyed', { n: 3 }, { runAt, key: 'booking-2' });
      await t.jobs.schedule('test.keyedToo', { n: 4 }, { runAt, key: 'booking-1' });
      await t.work({ 'test.keyed': record('test.keyed'), 'test.keyedToo': record('test.keyedToo') });
      await t.eventually(() => runs('test.keyed').length === 2 && runs('test.keyedToo').length === 1);
      await t.pass(2_500);
      expect(runs('test.keyed').map((r) => r.data.n).sort()).toEqual([1, 3]);
      expect(runs('test.keyedToo').map((r) => r.data.n)).toEqual([4]);
    });

    it('takes the key again once its job has run (the next reminder for the same booking)', async ({ t, record, runs }) => {
      await t.work({ 'test.again': record('test.again') });
      await t.jobs.schedule('test.again', { n: 1 }, { key: 'k' });
      await t.eventually(() => runs('test.again').length === 1);
      await t.jobs.schedule('test.again', { n: 2 }, { key: 'k' });
      await t.eventually(() => runs('test.again').length === 2);
      expect(runs('test.again').map((r) => r.data.n)).toEqual([1, 2]);
    });

    it('drops a cancelled job and only that one', async ({ t, record, runs }) => {
      const runAt = new Date(t.now().getTime() + 2_000);
      await t.jobs.schedule('test.cancel', { n: 1 }, { runAt, key: 'stopped' });
      await t.jobs.schedule('test.cancel', { n: 2 }, { runAt, key: 'kept' });
      await t.jobs.cancel('test.cancel', 'stopped');
      await t.jobs.cancel('test.cancel', 'never-scheduled');
      await t.work({ 'test.cancel': record('test.cancel') });
      await t.eventually(() => runs('test.cancel').length === 1);
      await t.pass(3_000);
      expect(runs('test.cancel').map((r) => r.data.n)).toEqual([2]);
      // A cancelled key can be scheduled again.
      await t.jobs.schedule('test.cancel', { n: 3 }, { key: 'stopped' });
      await t.eventually(() => runs('test.cancel').length === 2);
    });

    it('tries a throwing handler again until it succeeds, and other jobs still run meanwhile', async ({ t, record, runs }) => {
      let attempts = 0;
      await t.work({
        'test.flaky': async (data) => {
          attempts++;
          if (attempts < 3) throw new Error('the manager has no conversation with the bot yet');
          await record('test.flaky')(data);
        },
        'test.fine': record('test.fine'),
      });
      await t.jobs.schedule('test.flaky', { requestId: 'r-9' }, { key: 'r-9' });
      await t.jobs.schedule('test.fine', { n: 1 });
      await t.eventually(() => runs('test.flaky').length === 1 && runs('test.fine').length === 1);
      expect(attempts).toBe(3);
      expect(runs('test.flaky')[0]!.data).toEqual({ requestId: 'r-9' });
      await t.pass(2_500); // and it is not run again once it succeeded
      expect(attempts).toBe(3);
    });

    it('settles each job of a name on its own: one throwing does not fail or repeat the others', async ({ t, record, runs }) => {
      const failing = new Set(['b']);
      await t.work({
        'test.each': async (data) => {
          if (failing.has(String(data.item))) throw new Error('this item cannot be done yet');
          await record('test.each')(data);
        },
      });
      for (const item of ['a', 'b', 'c']) await t.jobs.schedule('test.each', { item }, { key: item });
      await t.eventually(() => runs('test.each').length === 2);
      failing.clear();
      await t.eventually(() => runs('test.each').length === 3);
      await t.pass(2_500);
      expect(runs('test.each').map((r) => r.data.item).sort()).toEqual(['a', 'b', 'c']);
    });

    it('counts a job waiting for its retry as waiting for its key', async ({ t, record, runs }) => {
      let attempts = 0;
      await t.work({
        'test.retrying': async () => {
          attempts++;
          if (attempts === 1) throw new Error('not yet');
        },
      });
      await t.jobs.schedule('test.retrying', {}, { key: 'k' });
      await t.eventually(() => attempts === 1);
      await t.retryRecorded();
      await t.jobs.schedule('test.retrying', {}, { key: 'k' }); // the failed one is waiting to be retried
      await t.eventually(() => attempts === 2);
      await t.pass(3_000);
      expect(attempts).toBe(2);
    });
  });
}
