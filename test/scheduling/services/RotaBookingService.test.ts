import { afterEach, describe, expect, it } from 'vitest';
import { formatLondonIso } from '../../../scheduling/rules/londonTime.js';
import { overlaps } from '../../../scheduling/rules/Interval.js';
import { InvalidRequestError, NoSlotError } from '../../../scheduling/services/errors.js';
import type { Calendar } from '../../../scheduling/ports/Calendar.js';
import { manager, openTestDesk, requestInput, type TestDesk } from '../../fakes/testDesk.js';
import type { ActionSource } from '../../../scheduling/model/ActionSource.js';

/** The requester's own personal chat with the bot. */
const managersChat: ActionSource = { kind: 'teams', conversationId: 'a:manager-personal', conversationType: 'personal' };

let t: TestDesk | undefined;
afterEach(async () => {
  await t?.desk.close();
  t = undefined;
});

async function book(key: string, change = {}) {
  const outcome = await t!.desk.intake.submit(requestInput(change), manager, key);
  if (outcome.route !== 'rota') throw new Error('expected the rota route');
  return outcome;
}
const startOf = (o: { booking: { start: Date } }) => formatLondonIso(o.booking.start);
const rivalRequest = {
  nNumbers: ['N777777'],
  childSurnames: 'Rival',
  managerName: 'B. Smith',
  managerRole: 'TM' as const,
  managerPhone: '01604 654321',
  referredAt: new Date('2026-11-23T09:00:00Z'),
  urgent: [],
  longerSlot: false,
  invitees: [],
};

describe('RotaBookingService', () => {
  it('books the rota day\'s first slot and writes the event and the police email', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z'); // Mon
    const o = await book('k1'); // referred Mon 09:30 -> Wed
    expect(o.booking.status).toBe('booked');
    expect(startOf(o)).toBe('2026-11-25T10:00:00+00:00'); // Wed
    expect(formatLondonIso(o.booking.end)).toBe('2026-11-25T10:15:00+00:00');

    const event = await t.desk.calendar.getEvent(o.booking.eventId!);
    expect(event?.subject).toBe('Zanzibarova children / Team Manager: A. Jones (01604 123456)');
    expect(event?.bookingId).toBe(o.booking.id);
    expect(event?.attendees.map((a) => a.address).sort()).toEqual(['a.jones@council.example.org', 'nurse@health.example.org', 'police.referral.unit@example.org']);

    const mails = await t.outbox.listOutbox();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Strategy discussion');
    expect(mails[0]!.to).toEqual(['police.referral.unit@example.org']);
    expect(mails[0]!.body).toContain('Wednesday 25 November 2026, 10:00-10:15');
  });

  it('names the conference by N number and keeps surnames out of the appointment body', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z');
    const o = await book('k1', { nNumbers: 'N146782,N146783' });
    const busy = await t.desk.calendar.busyBetween(o.booking.start, o.booking.end);
    expect(busy).toHaveLength(1);
    const all = await t.desk.db.query<{ location: string; body: string }>('select location, body from local_calendar_events');
    expect(all.rows[0]!.location).toBe('Conference N146782 N146783');
    expect(all.rows[0]!.body).not.toContain('Zanzibarova');
    expect(all.rows[0]!.body).toContain('8. The decision and its rationale');
  });

  it('gives the next request on the same day the next slot', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z');
    expect(startOf(await book('k1'))).toBe('2026-11-25T10:00:00+00:00');
    expect(startOf(await book('k2', { nNumbers: 'N200001' }))).toBe('2026-11-25T10:15:00+00:00');
  });

  it('returns the first booking for a retried submit: one event, one email', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z');
    const first = await book('same');
    const again = await book('same', { nNumbers: 'N999999' });
    expect(again.replayed).toBe(true);
    expect(again.booking.id).toBe(first.booking.id);
    const both = await Promise.all([book('twice'), book('twice')]); // a double-click
    expect(both[0].booking.id).toBe(both[1].booking.id);
    const events = await t.desk.calendar.busyBetween(new Date('2026-11-25T00:00Z'), new Date('2026-11-26T00:00Z'));
    expect(events).toHaveLength(2);
    expect(await t.outbox.listOutbox()).toHaveLength(2);
  });

  it('treats an event typed into the calendar by hand as taken', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z');
    await t.calendar.addHandMadeEvent({ subject: 'Police training', start: new Date('2026-11-25T10:05:00Z'), end: new Date('2026-11-25T10:20:00Z') });
    expect(startOf(await book('k1'))).toBe('2026-11-25T10:30:00+00:00'); // 10:00 and 10:15 overlap it
  });

  it('ignores a hand-made event shown as free', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z');
    await t.calendar.addHandMadeEvent({ subject: 'Reminder', start: new Date('2026-11-25T10:00:00Z'), end: new Date('2026-11-25T11:30:00Z'), showAs: 'free' });
    expect(startOf(await book('k1'))).toBe('2026-11-25T10:00:00+00:00');
  });

  it('finds a longer slot only where two adjacent cells are free', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z');
    await book('a'); // 10:00
    await t.calendar.addHandMadeEvent({ subject: 'Busy', start: new Date('2026-11-25T10:30:00Z'), end: new Date('2026-11-25T10:45:00Z') });
    const longer = await book('b', { nNumbers: 'N200002', longerSlot: 'true' });
    expect(startOf(longer)).toBe('2026-11-25T10:45:00+00:00'); // 10:15 alone is too short
    expect(formatLondonIso(longer.booking.end)).toBe('2026-11-25T11:15:00+00:00');
    expect(startOf(await book('c', { nNumbers: 'N200003' }))).toBe('2026-11-25T10:15:00+00:00');
  });

  it('after losing a longer slot to a booking of its first cell, takes the free 30 minutes that start next', async () => {
    // While our request reads the calendar, another booking takes 10:00 alone: our 10:00-10:30 is
    // refused, but 10:15-10:45 is still free and is the earliest longer slot.
    let raced = false;
    const racing = (calendar: Calendar): Calendar =>
      new Proxy(calendar, {
        get(target, prop, receiver) {
          if (prop !== 'busyBetween') return Reflect.get(target, prop, receiver) as unknown;
          return async (from: Date, to: Date) => {
            const busy = await target.busyBetween(from, to);
            if (!raced) {
              raced = true;
              const { stores, config } = t!.desk;
              const now = t!.clock.now();
              await stores.requests.saveRequest({ ...rivalRequest, id: 'rival', idempotencyKey: 'rival', route: 'rota' }, manager, now);
              const ten = { start: new Date('2026-11-25T10:00:00Z'), end: new Date('2026-11-25T10:15:00Z') };
              const rival = { id: 'rival-booking', requestId: 'rival', calendarId: config.calendar.mailbox, transactionId: 'rival-booking', ...ten };
              expect(await stores.slots.reserve(rival, [ten], manager, now)).toBe(true);
            }
            return busy;
          };
        },
      });
    t = await openTestDesk('2026-11-23T12:00:00Z', {}, { wrapCalendar: racing });
    const longer = await book('k1', { longerSlot: 'true' });
    expect(raced).toBe(true);
    expect(startOf(longer)).toBe('2026-11-25T10:15:00+00:00'); // Wed
    expect(formatLondonIso(longer.booking.end)).toBe('2026-11-25T10:45:00+00:00');
  });

  it('rolls a full day on to the next conference day', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z');
    const starts = [];
    for (let i = 0; i < 7; i++) starts.push(startOf(await book(`k${i}`, { nNumbers: `N30000${i}` })));
    expect(starts.slice(0, 6)).toEqual(['10:00', '10:15', '10:30', '10:45', '11:00', '11:15'].map((hm) => `2026-11-25T${hm}:00+00:00`));
    expect(starts[6]).toBe('2026-11-27T10:00:00+00:00'); // Fri
  });

  it('never books a slot that has already started', async () => {
    t = await openTestDesk('2026-11-25T10:05:00Z'); // Wed, during the window
    expect(startOf(await book('k1', { referredAt: '2026-11-23T09:30' }))).toBe('2026-11-25T10:15:00+00:00');
  });

  it('frees the slot on cancel and cancels the event', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z');
    const first = await book('k1');
    await t.desk.booking.cancel(first.booking.id, manager, managersChat, 'No longer needed');
    expect((await t.desk.calendar.getEvent(first.booking.eventId!))?.cancelled).toBe(true);
    expect(startOf(await book('k2', { nNumbers: 'N200001' }))).toBe('2026-11-25T10:00:00+00:00');
  });

  it('moves a booking to a longer slot, growing in place when the next cell is free', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z');
    const first = await book('k1');
    const moved = await t.desk.booking.rebook(first.booking.id, manager, managersChat, { longer: true });
    expect(formatLondonIso(moved.start)).toBe('2026-11-25T10:00:00+00:00');
    expect(formatLondonIso(moved.end)).toBe('2026-11-25T10:30:00+00:00');
    expect((await t.desk.stores.slots.getBooking(first.booking.id))?.status).toBe('cancelled');
    expect((await t.desk.calendar.getEvent(first.booking.eventId!))?.cancelled).toBe(true);
    const live = await t.desk.calendar.busyBetween(new Date('2026-11-25T00:00Z'), new Date('2026-11-26T00:00Z'));
    expect(live.map((e) => e.bookingId)).toEqual([moved.id]);
  });

  it('stores nothing for an invalid request', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z');
    await expect(t.desk.intake.submit(requestInput({ nNumbers: 'N1' }), manager, 'bad')).rejects.toBeInstanceOf(InvalidRequestError);
    expect((await t.desk.db.query('select 1 from requests')).rowCount).toBe(0);
    expect((await t.desk.db.query('select 1 from bookings')).rowCount).toBe(0);
  });

  it('says so when no conference day in the search window has room, keeping the request', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z', { ROTA_FILE: 'test/fixtures/rota-one-day.json' });
    await book('k1');
    await expect(book('k2', { nNumbers: 'N200001' })).rejects.toBeInstanceOf(NoSlotError);
    expect((await t.desk.db.query('select 1 from requests')).rowCount).toBe(2);
  });

  it('gives 50 simultaneous requests distinct slots, rolling over to later days, with no overlaps', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z');
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => book(`c${i}`, { nNumbers: `N4${String(i).padStart(5, '0')}` })));
    const starts = outcomes.map(startOf);
    expect(new Set(starts).size).toBe(50);
    expect(starts.filter((s) => s.startsWith('2026-11-25'))).toHaveLength(6); // the rota day is full
    const events = await t.desk.calendar.busyBetween(new Date('2026-11-23T00:00Z'), new Date('2027-01-31T00:00Z'));
    expect(events).toHaveLength(50);
    for (const a of events) for (const b of events) if (a !== b) expect(overlaps(a, b)).toBe(false);
    // The earliest slots are used first: every slot before the last one booked is taken.
    const last = Math.max(...outcomes.map((o) => o.booking.start.getTime()));
    const free = await t.desk.finder.firstFree({ days: t.desk.finder.plan(new Date('2026-11-23T09:30Z'), t.clock.now()).days, cells: 1, now: t.clock.now() });
    expect(free!.slot.start.getTime()).toBeGreaterThan(last);
  });
});
