import { loadConfig } from '../../app/config.js';
import { openDesk, type OpenDesk, type DeskOptions } from '../../app/openDesk.js';
import type { Actor } from '../../scheduling/model/Actor.js';
import type { RawRequest } from '../../scheduling/rules/discussionRequest.js';
import { LocalCalendar } from '../../scheduling/adapters/local/LocalCalendar.js';
import { OutboxMailer } from '../../scheduling/adapters/local/OutboxMailer.js';
import { openTestPglite } from './testDb.js';
import { ManualClock } from './ManualClock.js';
import { ManualJobs } from './ManualJobs.js';
import { RecordingNotifier } from './RecordingNotifier.js';

export const manager: Actor = { id: 'aad-manager-1', name: 'A. Jones' };

/** A valid request as the card sends it; tests override what they need. */
export function requestInput(change: RawRequest = {}): RawRequest {
  return {
    nNumbers: 'N146782',
    childSurnames: 'Zanzibarova',
    managerName: 'A. Jones',
    managerRole: 'TM',
    managerPhone: '01604 123456',
    managerEmail: 'a.jones@council.example.org',
    referredAt: '2026-11-23T09:30', // Monday, UK time
    urgent: '',
    longerSlot: 'false',
    reason: 'Bruising seen at school',
    invitees: 'nurse@health.example.org',
    ...change,
  };
}

export interface TestDesk {
  desk: OpenDesk;
  clock: ManualClock;
  calendar: LocalCalendar;
  outbox: OutboxMailer;
  /** The desk's jobs: nothing runs until the test calls `jobs.runDue()` or `jobs.advance(ms)`. */
  jobs: ManualJobs;
  notifier: RecordingNotifier;
}

/** A desk on an in-memory PGlite with the local calendar, a manual clock and the given env. */
export async function openTestDesk(now: string, env: NodeJS.ProcessEnv = {}, options: Omit<DeskOptions, 'clock' | 'db'> = {}): Promise<TestDesk> {
  const clock = new ManualClock(now);
  const db = await openTestPglite();
  const jobs = new ManualJobs(clock);
  const notifier = new RecordingNotifier();
  const desk = await openDesk(loadConfig({ LOG_LEVEL: 'silent', ESCALATION_CONTACTS: '[{"label":"Duty DS","name":"DS Test One","phone":"101 ext 1"}]', ...env }), { jobs, notifier, ...options, clock, db });
  jobs.work(desk.jobHandlers);
  const calendar = new LocalCalendar(db, desk.config.calendar.mailbox);
  const outbox = new OutboxMailer(db);
  return { desk, clock, calendar, outbox, jobs, notifier };
}
