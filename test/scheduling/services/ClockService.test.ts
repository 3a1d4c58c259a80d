import { afterEach, describe, expect, it } from 'vitest';
import type { ActionSource } from '../../../scheduling/model/ActionSource.js';
import type { Notice } from '../../../scheduling/model/Notice.js';
import { formatLondonIso } from '../../../scheduling/rules/londonTime.js';
import { isReminderHour } from '../../../scheduling/rules/reminderTime.js';
import { NotPermittedError } from '../../../scheduling/services/errors.js';
import { manager, openTestDesk, requestInput, type TestDesk } from '../../fakes/testDesk.js';

let t: TestDesk | undefined;
/** The clock jobs waiting (a booked slot also keeps its agenda's job). */
const clockJobs = () => t!.jobs.pending().filter((j) => j.name.startsWith('clock.'));
afterEach(async () => {
  await t?.desk.close();
  t = undefined;
});

const personal: ActionSource = { kind: 'teams', conversationId: 'a:manager', conversationType: 'personal' };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Told {
  readonly at: string;
  readonly userId: string;
  readonly kind: Notice['kind'];
  readonly clock?: string;
}

/** A desk at `now` with one rota request (req-1, by the manager), recording when each notice went (UK time). */
async function deskWithRequest(now: string, env: NodeJS.ProcessEnv = {}): Promise<{ t: TestDesk; told: Told[] }> {
  let n = 0;
  const desk = await openTestDesk(now, env, { newId: () => `req-${++n}` });
  await desk.desk.submitRequest(requestInput({ referredAt: '2026-01-05T09:30' }), manager, 'k1');
  const told: Told[] = [];
  const tell = desk.notifier.tell.bind(desk.notifier);
  desk.notifier.tell = async (userId, notice) => {
    const delivery = await tell(userId, notice);
    if (delivery === 'sent') told.push({ at: formatLondonIso(desk.clock.now()), userId, kind: notice.kind, ...('clock' in notice ? { clock: notice.clock } : {}) });
    return delivery;
  };
  return { t: desk, told };
}

/** Every notice went in working hours (09:00-17:00 UK, working days). */
function allInWorkingHours(told: readonly Told[], desk: TestDesk): void {
  for (const notice of told) expect(isReminderHour(new Date(Date.parse(notice.at)), desk.desk.nonWorking), notice.at).toBe(true);
}

describe('ClockService', () => {
  describe('the record of the discussion (24 hours in Northamptonshire)', () => {
    it('reminds the requester at 09:00 the next morning and says it is overdue at the 24th hour', async () => {
      const run = await deskWithRequest('2026-11-25T10:15:00Z'); // Wed
      t = run.t;
      const clock = await t.desk.recordDiscussionHeld('req-1', t.clock.now(), manager, personal);
      expect(clock).toMatchObject({ kind: 'minutes', due: new Date('2026-11-26T10:15:00Z'), state: 'running' });
      await t.jobs.advance(3 * DAY, 15 * 60_000);
      expect(run.told).toEqual([
        { at: '2026-11-26T09:00:00+00:00', userId: manager.id, kind: 'deadline.reminder', clock: 'minutes' },
        { at: '2026-11-26T10:15:00+00:00', userId: manager.id, kind: 'deadline.overdue', clock: 'minutes' },
      ]);
    });

    it('holds the overdue notice of a record due on a Saturday to 09:00 on Monday, with no reminder at night', async () => {
      const run = await deskWithRequest('2026-11-27T10:15:00Z'); // Fri
      t = run.t;
      await t.desk.recordDiscussionHeld('req-1', t.clock.now(), manager, personal);
      await t.jobs.advance(4 * DAY, 15 * 60_000);
      expect(run.told).toEqual([{ at: '2026-11-30T09:00:00+00:00', userId: manager.id, kind: 'deadline.overdue', clock: 'minutes' }]);
    });

    it('uses working days where the area says so (MINUTES_DUE overrides the rota file)', async () => {
      const run = await deskWithRequest('2026-11-27T10:15:00Z', { MINUTES_DUE: '1wd' }); // Fri
      t = run.t;
      expect((await t.desk.recordDiscussionHeld('req-1', t.clock.now(), manager, personal)).due).toEqual(new Date('2026-11-30T10:15:00Z')); // Mon
    });

    it('stops when the record is circulated: no reminder, no overdue notice', async () => {
      const run = await deskWithRequest('2026-11-25T10:15:00Z');
      t = run.t;
      await t.desk.recordDiscussionHeld('req-1', t.clock.now(), manager, personal);
      expect(clockJobs().map((j) => j.name)).toEqual(['clock.remind', 'clock.overdue']);
      await t.jobs.advance(2 * HOUR, 15 * 60_000);
      expect(await t.desk.recordMinutesCirculated('req-1', manager, personal)).toMatchObject({ state: 'stopped' });
      expect(clockJobs()).toEqual([]);
      await t.jobs.advance(3 * DAY, HOUR);
      expect(run.told).toEqual([]);
      expect(await t.desk.deadlinesOf(manager, personal)).toEqual([]);
    });

    it('starts once: a repeated command adds no second reminder', async () => {
      const run = await deskWithRequest('2026-11-25T10:15:00Z');
      t = run.t;
      await t.desk.recordDiscussionHeld('req-1', t.clock.now(), manager, personal);
      await t.desk.recordDiscussionHeld('req-1', new Date('2026-11-25T11:00:00Z'), manager, personal);
      expect(clockJobs()).toHaveLength(2);
      await t.jobs.advance(3 * DAY, HOUR);
      expect(run.told.map((n) => n.kind)).toEqual(['deadline.reminder', 'deadline.overdue']);
    });

    it('is refused for someone who may not act on the case', async () => {
      const run = await deskWithRequest('2026-11-25T10:15:00Z');
      t = run.t;
      const megan = { id: 'aad-megan', name: 'M. Bowen' };
      await expect(t.desk.recordDiscussionHeld('req-1', t.clock.now(), megan, { kind: 'teams', conversationId: 'a:megan', conversationType: 'personal' })).rejects.toBeInstanceOf(NotPermittedError);
      expect(clockJobs()).toEqual([]);
    });
  });

  describe('section 47 clocks', () => {
    it('starts the outcome, enquiry and conference clocks when a conference is convened', async () => {
      const run = await deskWithRequest('2026-11-27T11:00:00Z'); // Fri
      t = run.t;
      const clocks = await t.desk.recordS47Decision('req-1', { conferenceConvened: true }, manager, personal);
      expect(clocks.map((c) => [c.kind, formatLondonIso(c.due)])).toEqual([
        ['s47-outcome', '2026-12-02T17:00:00+00:00'],
        ['s47-enquiry', '2026-12-18T17:00:00+00:00'],
        ['conference', '2026-12-18T17:00:00+00:00'],
      ]);
      expect((await t.desk.recordS47Decision('req-1', { conferenceConvened: false }, manager, personal)).map((c) => c.kind)).toEqual(['s47-outcome', 's47-enquiry']);
    });

    it('reminds on the working day before and says overdue the next morning, across the spring clock change', async () => {
      const run = await deskWithRequest('2026-03-26T14:00:00Z'); // Thu, GMT; clocks go forward Sun 29 March
      t = run.t;
      await t.desk.recordS47Decision('req-1', { conferenceConvened: false }, manager, personal);
      await t.jobs.advance(7 * DAY, 15 * 60_000);
      expect(run.told.filter((n) => n.clock === 's47-outcome')).toEqual([
        { at: '2026-03-30T09:00:00+01:00', userId: manager.id, kind: 'deadline.reminder', clock: 's47-outcome' }, // Mon
        { at: '2026-04-01T09:00:00+01:00', userId: manager.id, kind: 'deadline.overdue', clock: 's47-outcome' }, // due Tue 17:00 BST
      ]);
      allInWorkingHours(run.told, t);
    });

    it('keeps to UK time across the autumn clock change', async () => {
      const run = await deskWithRequest('2026-10-22T13:00:00Z'); // Thu 14:00 BST; clocks go back Sun 25 October
      t = run.t;
      await t.desk.recordS47Decision('req-1', { conferenceConvened: false }, manager, personal);
      await t.jobs.advance(7 * DAY, 15 * 60_000);
      expect(run.told.filter((n) => n.clock === 's47-outcome')).toEqual([
        { at: '2026-10-26T09:00:00+00:00', userId: manager.id, kind: 'deadline.reminder', clock: 's47-outcome' },
        { at: '2026-10-28T09:00:00+00:00', userId: manager.id, kind: 'deadline.overdue', clock: 's47-outcome' },
      ]);
      allInWorkingHours(run.told, t);
    });

    it('counts over the Easter bank holidays', async () => {
      const run = await deskWithRequest('2026-04-01T10:00:00Z'); // Wed 11:00 BST; Good Friday 3 and Easter Monday 6 April
      t = run.t;
      await t.desk.recordS47Decision('req-1', { conferenceConvened: false }, manager, personal);
      await t.jobs.advance(10 * DAY, 15 * 60_000);
      expect(run.told.filter((n) => n.clock === 's47-outcome').map((n) => [n.kind, n.at])).toEqual([
        ['deadline.reminder', '2026-04-07T09:00:00+01:00'], // Tue: day 3 is Wed 8 April
        ['deadline.overdue', '2026-04-09T09:00:00+01:00'],
      ]);
      allInWorkingHours(run.told, t);
    });
  });

  describe("an action's completion date", () => {
    it('reminds its owner one working day before and tells owner and requester when it is overdue', async () => {
      const run = await deskWithRequest('2026-11-24T15:00:00Z'); // Tue
      t = run.t;
      const owner = 'aad-owner';
      const clock = await t.desk.clocks.actionPlanned('req-1', { id: 'act-1', ownerId: owner, completionDate: '2026-11-30' /* Mon */ }, manager);
      expect(clock).toMatchObject({ kind: 'action', subject: 'act-1', ownerId: owner, due: new Date('2026-11-30T17:00:00Z') });
      await t.jobs.advance(8 * DAY, 15 * 60_000);
      expect(run.told).toEqual([
        { at: '2026-11-27T09:00:00+00:00', userId: owner, kind: 'deadline.reminder', clock: 'action' }, // Fri
        { at: '2026-12-01T09:00:00+00:00', userId: owner, kind: 'deadline.overdue', clock: 'action' },
        { at: '2026-12-01T09:00:00+00:00', userId: manager.id, kind: 'deadline.overdue', clock: 'action' },
      ]);
    });

    it('waits for the next working morning when a retry falls in the evening', async () => {
      const run = await deskWithRequest('2026-11-24T15:00:00Z');
      t = run.t;
      const owner = 'aad-owner';
      await t.desk.clocks.actionPlanned('req-1', { id: 'act-1', ownerId: owner, completionDate: '2026-11-30' }, manager);
      t.notifier.unreachable.add(owner); // no conversation with the bot yet
      await t.jobs.advance(3 * DAY + 3 * HOUR, 15 * 60_000); // Fri 18:00
      t.notifier.unreachable.delete(owner);
      await t.jobs.advance(HOUR, 15 * 60_000); // a retry at 18:xx comes back on Monday
      expect(run.told).toEqual([]);
      await t.jobs.advance(3 * DAY, 15 * 60_000);
      expect(run.told[0]).toEqual({ at: '2026-11-30T09:00:00+00:00', userId: owner, kind: 'deadline.reminder', clock: 'action' });
      allInWorkingHours(run.told, t);
    });
  });
});
