import { pino } from 'pino';
import { onTestFinished } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { openDesk, type OpenDesk } from '../../app/openDesk.js';
import { graphEnv, testMailbox } from '../scale/graphEnv.js';
import { FakeGraph } from './graph/FakeGraph.js';
import { ManualClock } from './ManualClock.js';
import { ManualJobs } from './ManualJobs.js';
import { RecordingNotifier } from './RecordingNotifier.js';
import { openTestPglite } from './testDb.js';

/**
 * The desk on the embedded store with the Graph calendar and mailer, against a fresh fake Graph,
 * at Monday 23 November 2026 12:00 on a manual clock, with manual jobs (run by the test) and a
 * recording notifier. Closed when the test that opened it finishes.
 */
export async function openGraphDesk(
  settings: ConstructorParameters<typeof FakeGraph>[0] = {},
): Promise<{ fake: FakeGraph; desk: OpenDesk; clock: ManualClock; jobs: ManualJobs; notifier: RecordingNotifier }> {
  const fake = await new FakeGraph({ mailbox: testMailbox, ...settings }).start();
  const clock = new ManualClock('2026-11-23T12:00:00Z'); // Mon
  const jobs = new ManualJobs(clock);
  const notifier = new RecordingNotifier();
  const desk = await openDesk(loadConfig({ ...graphEnv(fake), LOG_LEVEL: 'silent' }), { clock, db: await openTestPglite(), log: pino({ level: 'silent' }), jobs, notifier });
  jobs.work(desk.jobHandlers);
  // Closed by the test that opened it, not by a hook at this module's top level: a worker runs
  // many files and evaluates this module once, so such a hook would belong to its first file only.
  onTestFinished(async () => {
    await desk.close();
    await fake.close();
  });
  return { fake, desk, clock, jobs, notifier };
}
