import { afterEach, describe, expect, it } from 'vitest';
import type { Calendar } from '../../../scheduling/ports/Calendar.js';
import type { Notice } from '../../../scheduling/model/Notice.js';
import { replyJobs } from '../../../scheduling/services/ReplyTracker.js';
import { NotPermittedError } from '../../../scheduling/services/errors.js';
import { manager, openTestDesk, requestInput, type TestDesk } from '../../fakes/testDesk.js';

const police = 'police.referral.unit@example.org';
const personal = { kind: 'teams', conversationId: 'a:manager', conversationType: 'personal' } as const;
const minute = 60_000;

let open: TestDesk | undefined;
afterEach(async () => {
  await open?.desk.close();
  open = undefined;
});

/** A desk at `now` with one rota booking for `referredAt` (UK time), booked. */
async function deskWithBooking(now = '2026-11-23T12:00:00Z' /* Mon */, change: Record<string, string> = {}, env: NodeJS.ProcessEnv = {}) {
  const t = (open = await openTestDesk(now, env));
  const outcome = await t.desk.submitRequest(requestInput(change), manager, `k-${Math.random()}`);
  if (outcome.route !== 'rota') throw new Error('expected the rota route');
  return { ...t, booking: outcome.booking, request: outcome.request };
}

/** One poll of the calendar, as the job engine runs it, and every job it leaves due now. */
async function poll(t: TestDesk): Promise<void> {
  await t.desk.replies.schedulePoll();
  await t.jobs.advance(t.desk.config.calendarPollSeconds * 1000);
}

const told = (t: TestDesk, kind?: Notice['kind']) => t.notifier.told.filter((n) => !kind || n.notice.kind === kind);

describe('ReplyTracker', () => {
  it('tells the requester once when the police referral unit accepts, refreshes the cards, and the case shows who and when', async () => {
    const t = await deskWithBooking();
    await poll(t);
    expect(told(t)).toEqual([]);
    await t.desk.answerInvite('N146782', { address: police, response: 'accepted' });
    const answeredAt = t.clock.now();
    await poll(t);
    expect(told(t)).toEqual([
      { userId: manager.id, notice: { kind: 'police.accepted', requestId: t.request.id, bookingId: t.booking.id, nNumbers: ['N146782'], attendee: { address: police }, at: answeredAt } },
    ]);
    expect(t.notifier.refreshed).toEqual([t.request.id]);
    const view = await t.desk.caseDetails(t.booking.id, manager, personal);
    expect(view.replies?.find((r) => r.address === police)).toMatchObject({ response: 'accepted', respondedAt: answeredAt, police: true });
    const trail = await t.desk.stores.auditLog.auditTrail(t.booking.id);
    expect(trail.filter((e) => e.action === 'invite.answered')).toHaveLength(1);
    await poll(t);
    expect(told(t)).toHaveLength(1);
  });

  it('tells an acceptance by a DS the invite was forwarded to, by name and address', async () => {
    const t = await deskWithBooking();
    await t.desk.answerInvite(t.booking.id, { address: 'ds.smith@police.example.org', name: 'DS Smith', response: 'accepted' });
    await poll(t);
    expect(told(t, 'police.accepted').map((n) => (n.notice as Extract<Notice, { kind: 'police.accepted' }>).attendee)).toEqual([{ address: 'ds.smith@police.example.org', name: 'DS Smith' }]);
  });

  it('tells nobody when an invited professional answers, but shows it on the case', async () => {
    const t = await deskWithBooking();
    await t.desk.answerInvite(t.booking.id, { address: 'nurse@health.example.org', response: 'accepted' });
    await poll(t);
    expect(told(t)).toEqual([]);
    expect(t.notifier.refreshed).toEqual([t.request.id]);
    const view = await t.desk.caseDetails(t.booking.id, manager, personal);
    expect(view.replies?.find((r) => r.address === 'nurse@health.example.org')).toMatchObject({ response: 'accepted', police: false });
  });

  it('tells a decline at once; keeping the slot stops the asking: no reminder, no second decline notice', async () => {
    const t = await deskWithBooking();
    await t.desk.answerInvite(t.booking.id, { address: police, response: 'declined' });
    await poll(t);
    expect(told(t).map((n) => n.notice.kind)).toEqual(['police.declined']);
    const kept = await t.desk.keepSlot(t.booking.id, manager, personal);
    expect(kept.booking.id).toBe(t.booking.id);
    expect((await t.desk.stores.auditLog.auditTrail(t.booking.id)).some((e) => e.action === 'booking.kept')).toBe(true);
    await t.desk.answerInvite(t.booking.id, { address: 'ds.smith@police.example.org', name: 'DS Smith', response: 'declined' });
    await poll(t);
    t.clock.set('2026-11-24T16:00:00Z'); // Tue 16:00, the reminder's time
    await t.jobs.runDue();
    expect(told(t).map((n) => n.notice.kind)).toEqual(['police.declined']);
  });

  it('refuses to keep a slot for someone who may not act on the case, and audits the refusal', async () => {
    const t = await deskWithBooking();
    const other = { id: 'aad-other', name: 'B. Other' };
    await expect(t.desk.keepSlot(t.booking.id, other, { kind: 'teams', conversationId: 'a:other', conversationType: 'personal' })).rejects.toBeInstanceOf(NotPermittedError);
    expect((await t.desk.stores.auditLog.auditTrail(t.booking.id)).at(-1)).toMatchObject({ action: 'access.refused', after: { attempted: 'booking.keep' } });
  });

  it('books the next free slot after a declined one, and cancels the declined event', async () => {
    const t = await deskWithBooking();
    const moved = await t.desk.bookNextSlot(t.booking.id, manager, personal);
    expect(moved.booking.start.toISOString()).toBe('2026-11-25T10:15:00.000Z'); // after 10:00-10:15
    expect(moved.booking.replaces).toBe(t.booking.id);
    expect((await t.calendar.getEvent(t.booking.eventId!))?.cancelled).toBe(true);
    expect((await t.desk.stores.slots.getBooking(t.booking.id))?.status).toBe('cancelled');
  });

  it('reminds the requester at 16:00 on the working day before when the police have not answered, naming who was tentative', async () => {
    const t = await deskWithBooking(); // Wed 25 November 10:00: reminder Tue 24 November 16:00 GMT
    await t.desk.answerInvite(t.booking.id, { address: 'ds.smith@police.example.org', name: 'DS Smith', response: 'tentativelyAccepted' });
    await poll(t);
    expect(told(t)).toEqual([]); // tentative waits for the reminder
    t.clock.set('2026-11-24T15:59:00Z');
    await t.jobs.runDue();
    expect(told(t)).toEqual([]);
    t.clock.set('2026-11-24T16:00:00Z');
    await t.jobs.runDue();
    expect(told(t).map((n) => n.notice)).toEqual([
      { kind: 'police.noAnswer', requestId: t.request.id, bookingId: t.booking.id, nNumbers: ['N146782'], start: t.booking.start, tentative: [{ address: 'ds.smith@police.example.org', name: 'DS Smith' }] },
    ]);
  });

  it('sends no reminder when the police accepted', async () => {
    const t = await deskWithBooking();
    await poll(t);
    await t.desk.answerInvite(t.booking.id, { address: police, response: 'accepted' });
    await poll(t);
    t.clock.set('2026-11-24T16:00:00Z');
    await t.jobs.runDue();
    expect(told(t).map((n) => n.notice.kind)).toEqual(['police.accepted']);
  });

  it.each([
    ['clocks go back between: 16:00 BST on Friday for a Monday slot in GMT', '2026-10-23T09:00:00Z', '2026-10-23T09:30', '2026-10-26T10:00:00.000Z', '2026-10-23T15:00:00Z'],
    ['clocks go forward between: 16:00 GMT on Friday for a Monday slot in BST', '2026-03-27T09:45:00Z', '2026-03-27T09:30', '2026-03-30T09:00:00.000Z', '2026-03-27T16:00:00Z'],
    ['over Christmas and Boxing Day: Wednesday 24 December for Monday 29 December', '2025-12-24T09:45:00Z', '2025-12-24T09:30', '2025-12-29T10:00:00.000Z', '2025-12-24T16:00:00Z'],
  ])('reminds at the right UK time when %s', async (_, now, referredAt, slot, reminder) => {
    const t = await deskWithBooking(now, { referredAt });
    expect(t.booking.start.toISOString()).toBe(slot);
    await poll(t);
    t.clock.set(new Date(new Date(reminder).getTime() - minute));
    await t.jobs.runDue();
    expect(told(t)).toEqual([]);
    t.clock.set(reminder);
    await t.jobs.runDue();
    expect(told(t).map((n) => n.notice.kind)).toEqual(['police.noAnswer']);
  });

  it('follows an event moved by hand: the booking and its cells move, the old slot is free, the requester is told', async () => {
    const t = await deskWithBooking();
    await poll(t);
    await t.desk.moveEventByHand('N146782', new Date('2026-11-25T11:00:00Z'));
    await poll(t);
    expect(told(t).map((n) => n.notice)).toEqual([
      { kind: 'booking.movedByHand', requestId: t.request.id, bookingId: t.booking.id, nNumbers: ['N146782'], start: new Date('2026-11-25T11:00:00Z'), end: new Date('2026-11-25T11:15:00Z') },
    ]);
    expect(t.notifier.refreshed).toContain(t.request.id);
    expect(await t.desk.stores.slots.getBooking(t.booking.id)).toMatchObject({ status: 'booked', start: new Date('2026-11-25T11:00:00Z') });
    const held = await t.desk.stores.slots.heldCells(t.desk.config.calendar.mailbox, new Date('2026-11-25T10:00:00Z'), new Date('2026-11-25T11:30:00Z'));
    expect(held.map((c) => c.start.toISOString())).toEqual(['2026-11-25T11:00:00.000Z']);
    const second = await t.desk.submitRequest(requestInput({ nNumbers: 'N222222' }), manager, 'k-second');
    expect(second.route === 'rota' && second.booking.start.toISOString()).toBe('2026-11-25T10:00:00.000Z');
    // The reminder follows the slot; the old one no longer fires for it.
    expect(t.jobs.pending().filter((j) => j.name === replyJobs.noAnswer && j.data.bookingId === t.booking.id).map((j) => j.data.start)).toEqual(['2026-11-25T11:00:00.000Z']);
    await poll(t);
    expect(told(t)).toHaveLength(1);
  });

  it('frees the second cell when a longer slot is shortened by hand', async () => {
    const t = await deskWithBooking(undefined, { longerSlot: 'true' });
    expect(t.booking.end.getTime() - t.booking.start.getTime()).toBe(30 * minute);
    await t.desk.moveEventByHand(t.booking.id, t.booking.start, 15);
    await poll(t);
    const held = await t.desk.stores.slots.heldCells(t.desk.config.calendar.mailbox, t.booking.start, t.booking.end);
    expect(held.map((c) => c.start.toISOString())).toEqual([t.booking.start.toISOString()]);
    expect(told(t).map((n) => n.notice.kind)).toEqual(['booking.movedByHand']);
  });

  it('follows an event deleted by hand: the booking is cancelled, its cells freed, the requester told, no reminder left', async () => {
    const t = await deskWithBooking();
    await poll(t);
    await t.desk.deleteEventByHand('N146782');
    await poll(t);
    expect(told(t).map((n) => n.notice)).toEqual([{ kind: 'booking.deletedByHand', requestId: t.request.id, bookingId: t.booking.id, nNumbers: ['N146782'] }]);
    expect(await t.desk.stores.slots.getBooking(t.booking.id)).toMatchObject({ status: 'cancelled' });
    expect(await t.desk.stores.slots.heldCells(t.desk.config.calendar.mailbox, t.booking.start, t.booking.end)).toEqual([]);
    expect(t.jobs.pending().filter((j) => j.name === replyJobs.noAnswer)).toEqual([]);
    expect((await t.desk.stores.auditLog.auditTrail(t.booking.id)).at(-1)).toMatchObject({ action: 'booking.cancelled', after: { reason: 'Deleted by hand in Outlook' } });
  });

  it('keeps a notice for a requester the bot cannot reach yet, and delivers it once they can be reached', async () => {
    const t = await deskWithBooking();
    t.notifier.unreachable.add(manager.id);
    await t.desk.answerInvite(t.booking.id, { address: police, response: 'accepted' });
    await poll(t);
    expect(told(t)).toEqual([]);
    expect(t.jobs.pending().filter((j) => j.name === replyJobs.tell)).toHaveLength(1);
    t.notifier.unreachable.delete(manager.id);
    await t.jobs.runDue();
    expect(told(t).map((n) => n.notice.kind)).toEqual(['police.accepted']);
    await poll(t);
    expect(told(t)).toHaveLength(1);
  });

  it('reads each day holding bookings once, and follows the other days when one cannot be read', async () => {
    let reads: string[] = [];
    const failing = (calendar: Calendar): Calendar =>
      Object.assign(Object.create(calendar) as Calendar, {
        eventsBetween: (from: Date, to: Date) => {
          reads.push(from.toISOString());
          return from.toISOString().startsWith('2026-11-25') ? Promise.reject(new Error('unreachable')) : calendar.eventsBetween(from, to);
        },
      });
    const t = (open = await openTestDesk('2026-11-25T08:45:00Z' /* Wed */, {}, { wrapCalendar: failing }));
    const first = await t.desk.submitRequest(requestInput(), manager, 'k1'); // Wed 25
    const second = await t.desk.submitRequest(requestInput({ nNumbers: 'N222222' }), manager, 'k2'); // Wed 25
    const third = await t.desk.submitRequest(requestInput({ nNumbers: 'N333333', referredAt: '2026-11-25T08:30' }), manager, 'k3'); // Fri 27
    if (first.route !== 'rota' || second.route !== 'rota' || third.route !== 'rota') throw new Error('expected rota bookings');
    await t.desk.answerInvite(third.booking.id, { address: police, response: 'accepted' });
    reads = [];
    const report = await t.desk.replies.sync();
    expect(reads).toHaveLength(2); // one read per day, not per booking
    expect(report).toMatchObject({ days: 2, bookings: 3, answered: [third.booking.id] });
    expect([...report.failed].sort()).toEqual([first.booking.id, second.booking.id].sort());
  });

  it('schedules the next poll every CALENDAR_POLL_SECONDS, even after a poll that failed', async () => {
    const t = await deskWithBooking(undefined, {}, { CALENDAR_POLL_SECONDS: '30' });
    await t.desk.replies.schedulePoll();
    await t.desk.replies.schedulePoll(); // one waiting poll, however often asked
    expect(t.jobs.pending().filter((j) => j.name === replyJobs.poll)).toHaveLength(1);
    await t.desk.db.query('drop table booking_replies'); // every booking now fails
    await t.jobs.advance(30_000, 30_000);
    await t.jobs.advance(30_000, 30_000);
    expect(t.jobs.done.filter((j) => j.name === replyJobs.poll)).toHaveLength(2);
    expect(t.jobs.pending().filter((j) => j.name === replyJobs.poll).map((j) => j.runAt.getTime())).toEqual([t.clock.now().getTime() + 30_000]);
  });
});
