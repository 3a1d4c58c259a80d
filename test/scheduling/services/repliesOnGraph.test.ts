import { describe, expect, it } from 'vitest';
import type { Notice } from '../../../scheduling/model/Notice.js';
import { ConflictError } from '../../../scheduling/services/errors.js';
import { openGraphDesk } from '../../fakes/graphDesk.js';
import { manager, requestInput } from '../../fakes/testDesk.js';

const police = 'police.referral.unit@example.org';

/** A desk on the fake Graph with one booked slot (Wednesday 25 November 2026, 10:00). */
async function booked(change = {}) {
  const opened = await openGraphDesk();
  const outcome = await opened.desk.submitRequest(requestInput(change), manager, `k-${Math.random()}`);
  if (outcome.route !== 'rota' || !outcome.booking.eventId) throw new Error('expected a booked rota slot');
  return { ...opened, booking: outcome.booking, request: outcome.request, eventId: outcome.booking.eventId };
}

/** One calendar poll as the job engine runs it, and what it leaves due now (notices, card refreshes). */
async function poll(t: Awaited<ReturnType<typeof booked>>) {
  await t.desk.replies.schedulePoll();
  await t.jobs.advance(t.desk.config.calendarPollSeconds * 1000);
}

const kinds = (told: Array<{ notice: Notice }>) => told.map((n) => n.notice.kind);

describe('following the police reply through Microsoft Graph', () => {
  it('tells the requester when the police attendee accepts in Outlook, refreshes the cards, and keeps the reply and its time', async () => {
    const t = await booked();
    const at = new Date('2026-11-23T14:02:00Z');
    t.fake.setAttendeeResponse(t.eventId, police, 'accepted', at);
    await poll(t);
    expect(t.notifier.told.map((n) => n.notice)).toEqual([{ kind: 'police.accepted', requestId: t.request.id, bookingId: t.booking.id, nNumbers: ['N146782'], attendee: { address: police, name: police }, at }]);
    expect(t.notifier.refreshed).toEqual([t.request.id]);
    const seen = await t.desk.stores.replies.lastSeen(t.booking.id);
    expect(seen?.attendees.find((a) => a.address === police)).toMatchObject({ response: 'accepted', respondedAt: at });
  });

  it('tells a decline at once', async () => {
    const t = await booked();
    t.fake.setAttendeeResponse(t.eventId, police, 'declined');
    await poll(t);
    expect(kinds(t.notifier.told)).toEqual(['police.declined']);
  });

  it('tells an acceptance by a DS the invite was forwarded to, whom Exchange added to the event', async () => {
    const t = await booked();
    t.fake.addForwardedAttendee(t.eventId, 'ds.smith@police.example.org', 'DS Smith');
    t.fake.setAttendeeResponse(t.eventId, 'ds.smith@police.example.org', 'accepted');
    await poll(t);
    expect(t.notifier.told.map((n) => (n.notice as Extract<Notice, { kind: 'police.accepted' }>).attendee)).toEqual([{ address: 'ds.smith@police.example.org', name: 'DS Smith' }]);
  });

  it('follows an event moved by hand to another day: the booking moves, the requester is told', async () => {
    const t = await booked();
    await poll(t);
    const start = new Date('2026-11-27T11:00:00Z');
    t.fake.moveByHand(t.eventId, start, new Date('2026-11-27T11:15:00Z'));
    t.fake.resetCounts();
    await poll(t);
    expect(kinds(t.notifier.told)).toEqual(['booking.movedByHand']);
    expect(t.notifier.refreshed).toContain(t.request.id);
    expect((await t.desk.stores.slots.getBooking(t.booking.id))?.start).toEqual(start);
    // The old day's window, then the event itself (it is on another day now).
    expect(t.fake.counts).toMatchObject({ calendarView: 1, getEvent: 1, createEvent: 0, updateEvent: 0, cancelEvent: 0 });
    t.fake.resetCounts();
    await poll(t);
    expect(t.fake.counts).toMatchObject({ calendarView: 1, getEvent: 0 }); // now read in its new day
    expect(kinds(t.notifier.told)).toEqual(['booking.movedByHand']);
  });

  it('follows an event deleted by hand: the booking is cancelled and its slot free again, never recreated', async () => {
    const t = await booked();
    await poll(t);
    t.fake.deleteByHand(t.eventId);
    await poll(t);
    expect(kinds(t.notifier.told)).toEqual(['booking.deletedByHand']);
    expect((await t.desk.stores.slots.getBooking(t.booking.id))?.status).toBe('cancelled');
    expect(t.fake.events()).toEqual([]);
    const next = await t.desk.submitRequest(requestInput({ nNumbers: 'N222222' }), manager, 'k-next');
    expect(next.route === 'rota' && next.booking.start).toEqual(t.booking.start);
  });

  it('reads each day holding bookings once per poll, and the booking itself still costs one read and one create', async () => {
    const opened = await openGraphDesk();
    opened.fake.resetCounts();
    const first = await opened.desk.submitRequest(requestInput(), manager, 'k1');
    expect(opened.fake.counts).toMatchObject({ calendarView: 1, createEvent: 1, getEvent: 0 });
    await opened.desk.submitRequest(requestInput({ nNumbers: 'N222222' }), manager, 'k2');
    expect(first.route === 'rota' && first.booking.status).toBe('booked');
    opened.fake.resetCounts();
    await opened.desk.replies.schedulePoll();
    await opened.jobs.advance(opened.desk.config.calendarPollSeconds * 1000);
    expect(opened.fake.counts).toMatchObject({ calendarView: 1, getEvent: 0 }); // two bookings, one day: one read
  });

  it('refuses to play Outlook on the Graph calendar, calling nothing', async () => {
    const t = await booked();
    t.fake.resetCounts();
    await expect(t.desk.answerInvite(t.booking.id, { address: police, response: 'accepted' })).rejects.toBeInstanceOf(ConflictError);
    await expect(t.desk.deleteEventByHand(t.booking.id)).rejects.toBeInstanceOf(ConflictError);
    expect(t.fake.counts.total).toBe(0);
  });
});
