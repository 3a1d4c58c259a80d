import { afterEach, describe, expect, it } from 'vitest';
import type { ActionSource } from '../../../scheduling/model/ActionSource.js';
import { AGENDA_LEAD_JOB } from '../../../scheduling/services/DiscussionVenue.js';
import { manager, openTestDesk, requestInput, type TestDesk } from '../../fakes/testDesk.js';

let t: TestDesk | undefined;
afterEach(async () => {
  await t?.desk.close();
  t = undefined;
});

const personal: ActionSource = { kind: 'teams', conversationId: 'a:manager', conversationType: 'personal' };
const MINUTE = 60_000;

/** A desk at `now` (UK referral at `referred`), with the recording notifier stamping each posting with the desk's clock. */
async function booked(now: string, referred: string, env: NodeJS.ProcessEnv = {}) {
  t = await openTestDesk(now, env);
  t.notifier.clock = t.clock;
  const outcome = await t.desk.submitRequest(requestInput({ referredAt: referred }), manager, `venue-${referred}`);
  if (outcome.route !== 'rota') throw new Error(`expected a booking, got ${outcome.route}`);
  return outcome.booking;
}

/** Runs the jobs up to `until`, `step` at a time (every desk here starts on a 5-minute mark). */
const runUntil = (until: string, step = 5 * MINUTE) => t!.jobs.advance(new Date(until).getTime() - t!.clock.now().getTime(), step);
const agendaJobs = () => t!.jobs.pending().filter((job) => job.name === AGENDA_LEAD_JOB);

describe('DiscussionVenue: the agenda at the lead time (dial-in: the requester\'s chat)', () => {
  it('posts the agenda 5 minutes before a slot just after the clocks went back, by the real minute, and records it', async () => {
    // Friday 23 October 2026 (BST) -> Monday 26 October 10:00 GMT; the clocks go back on Sunday 25th.
    const booking = await booked('2026-10-23T09:40:00Z', '2026-10-23T10:30');
    expect(booking.start.toISOString()).toBe('2026-10-26T10:00:00.000Z');
    expect(agendaJobs()).toMatchObject([{ runAt: new Date('2026-10-26T09:55:00Z'), key: `${booking.requestId}@2026-10-26T10:00:00.000Z` }]);

    await runUntil('2026-10-26T09:50:00Z');
    await runUntil('2026-10-26T09:54:00Z', MINUTE);
    expect(t!.notifier.discussions, 'nothing before the lead time (not an hour early either)').toEqual([]);
    await runUntil('2026-10-26T09:56:00Z', MINUTE);

    expect(t!.notifier.discussions).toEqual([{ requestId: booking.requestId, place: { kind: 'requesterChat' }, at: new Date('2026-10-26T09:55:00Z') }]);
    expect(await t!.desk.stores.postings.cardPostingsOf(booking.requestId)).toEqual([
      { requestId: booking.requestId, conversationId: `a:requester-of-${booking.requestId}`, conversationType: 'personal', activityId: 'agenda-1', card: 'agenda' },
    ]);
    await runUntil('2026-10-26T12:00:00Z');
    expect(t!.notifier.discussions, 'once').toHaveLength(1);
  });

  it('posts it 5 minutes before a slot just after the clocks went forward (09:55 BST is 08:55 UTC)', async () => {
    // Friday 27 March 2026 (GMT) -> Monday 30 March 10:00 BST; the clocks go forward on Sunday 29th.
    const booking = await booked('2026-03-27T09:40:00Z', '2026-03-27T09:30');
    expect(booking.start.toISOString()).toBe('2026-03-30T09:00:00.000Z');
    await runUntil('2026-03-30T10:00:00Z');
    expect(t!.notifier.discussions.map((d) => d.at)).toEqual([new Date('2026-03-30T08:55:00Z')]);
  });

  it('takes the lead time from AGENDA_LEAD_MINUTES', async () => {
    const booking = await booked('2026-11-23T09:40:00Z', '2026-11-23T09:30', { AGENDA_LEAD_MINUTES: '15' });
    expect(booking.start.toISOString()).toBe('2026-11-25T10:00:00.000Z');
    await runUntil('2026-11-25T10:30:00Z');
    expect(t!.notifier.discussions.map((d) => d.at)).toEqual([new Date('2026-11-25T09:45:00Z')]);
  });

  it('posts nothing for a booking cancelled before its slot', async () => {
    const booking = await booked('2026-11-23T09:40:00Z', '2026-11-23T09:30');
    await t!.desk.cancelBooking(booking.id, manager, personal, 'no longer needed');
    expect(agendaJobs()).toEqual([]);
    await runUntil('2026-11-25T11:00:00Z');
    expect(t!.notifier.discussions).toEqual([]);
  });

  it('follows a move to a longer slot (same start) and to the next free slot (a later start): one agenda, at the new time', async () => {
    const booking = await booked('2026-11-23T09:40:00Z', '2026-11-23T09:30');
    const longer = await t!.desk.moveToLongerSlot(booking.id, manager, personal);
    expect(longer.booking.start.toISOString()).toBe('2026-11-25T10:00:00.000Z');
    expect(agendaJobs().map((j) => j.runAt)).toEqual([new Date('2026-11-25T09:55:00Z')]);

    const next = await t!.desk.bookNextSlot(longer.booking.id, manager, personal);
    expect(next.booking.start.toISOString()).toBe('2026-11-25T10:30:00.000Z');
    expect(agendaJobs().map((j) => j.runAt)).toEqual([new Date('2026-11-25T10:25:00Z')]);

    await runUntil('2026-11-25T11:30:00Z');
    expect(t!.notifier.discussions.map((d) => d.at)).toEqual([new Date('2026-11-25T10:25:00Z')]);
  });

  it('follows a move made by hand in the calendar, and drops the agenda when the event is deleted by hand', async () => {
    const booking = await booked('2026-11-23T09:40:00Z', '2026-11-23T09:30');
    await t!.desk.moveEventByHand(booking.id, new Date('2026-11-25T14:00:00Z'));
    await t!.desk.replies.sync();
    expect(agendaJobs().map((j) => j.runAt)).toEqual([new Date('2026-11-25T13:55:00Z')]);
    await runUntil('2026-11-25T13:56:00Z');
    expect(t!.notifier.discussions.map((d) => d.at)).toEqual([new Date('2026-11-25T13:55:00Z')]);

    const other = await t!.desk.submitRequest(requestInput({ referredAt: '2026-11-25T13:30', nNumbers: 'N222222' }), manager, 'venue-deleted');
    if (other.route !== 'rota') throw new Error('expected a booking');
    expect(agendaJobs()).toHaveLength(1);
    await t!.desk.deleteEventByHand(other.booking.id);
    await t!.desk.replies.sync();
    expect(agendaJobs()).toEqual([]);
  });

  it('keeps the job and tries again while the requester cannot be reached', async () => {
    const booking = await booked('2026-11-23T09:40:00Z', '2026-11-23T09:30');
    t!.notifier.unreachableDiscussions.add(booking.requestId);
    await runUntil('2026-11-25T09:56:00Z', MINUTE);
    expect(t!.jobs.failed.filter((f) => f.name === AGENDA_LEAD_JOB).length).toBeGreaterThan(0);
    expect(agendaJobs()).toHaveLength(1);

    t!.notifier.unreachableDiscussions.delete(booking.requestId);
    await runUntil('2026-11-25T09:58:00Z', MINUTE);
    expect(t!.notifier.discussions.map((d) => d.at)).toEqual([new Date('2026-11-25T09:57:00Z')]);
  });

  it('does nothing when its job runs after the slot has ended (the bot was down)', async () => {
    const booking = await booked('2026-11-23T09:40:00Z', '2026-11-23T09:30');
    t!.clock.set(new Date('2026-11-25T10:20:00Z'));
    await t!.jobs.runDue();
    expect(t!.jobs.done.filter((d) => d.name === AGENDA_LEAD_JOB)).toHaveLength(1);
    expect(t!.notifier.discussions).toEqual([]);
    expect(await t!.desk.stores.postings.cardPostingsOf(booking.requestId)).toEqual([]);
  });
});
