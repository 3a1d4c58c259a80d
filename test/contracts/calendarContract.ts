import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Calendar } from '../../scheduling/ports/Calendar.js';
import type { AttendeeResponse, CalendarEntry, ConferenceEvent } from '../../scheduling/model/ConferenceEvent.js';

/** How a person can show an event in Outlook; only `free` leaves the time open. */
export type HandMadeShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere';

/** One calendar adapter, opened empty for a single test, with the hooks a person in Outlook has. */
export interface CalendarUnderTest {
  readonly calendar: Calendar;
  /** An event someone typed into the shared calendar by hand (no booking id). */
  addHandMade(event: { subject: string; start: Date; end: Date; showAs?: HandMadeShowAs }): Promise<void>;
  /** An invitee answering the invite in Outlook. */
  setResponse(eventId: string, address: string, response: AttendeeResponse): Promise<void>;
  close(): Promise<void>;
}

// Wednesday 25 November 2026, a conference day; instants in UTC (GMT in November).
const at = (hhmm: string) => new Date(`2026-11-25T${hhmm}:00Z`);
const dayStart = at('00:00');
const dayEnd = new Date('2026-11-26T00:00:00Z');

const conference = (overrides: Partial<ConferenceEvent> = {}): ConferenceEvent => ({
  subject: 'N123456 children / Social worker: Ann Manager (01604 000000)',
  start: at('10:00'),
  end: at('10:30'),
  attendees: [
    { address: 'sw@example.org', name: 'Sam Worker', type: 'required' },
    { address: 'police.unit@example.org', type: 'optional' },
  ],
  body: 'Agenda: strategy discussion.\nJoin: conference line 0300 000 0000, code 1234.',
  location: 'Conference line (N123456)',
  bookingId: 'booking-1',
  ...overrides,
});

const ids = (entries: readonly { id: string }[]) => entries.map((e) => e.id).sort();
const subjects = (entries: readonly CalendarEntry[]) => entries.map((e) => e.subject).sort();

/**
 * The behaviour every `Calendar` adapter shares (LocalCalendar, GraphCalendar): what is busy,
 * idempotent creates, moves, cancels and attendee replies. Each test opens a fresh, empty calendar.
 */
export function calendarContract(name: string, open: () => Promise<CalendarUnderTest>): void {
  describe(`${name} (Calendar contract)`, () => {
    let subject: CalendarUnderTest;
    let calendar: Calendar;
    beforeEach(async () => {
      subject = await open();
      calendar = subject.calendar;
    });
    afterEach(async () => {
      await subject.close();
    });

    it('returns a created event from busyBetween, with its booking id and times', async () => {
      const { id } = await calendar.createEvent(conference(), 'txn-1');
      const busy = await calendar.busyBetween(dayStart, dayEnd);
      expect(busy).toHaveLength(1);
      expect(busy[0]).toMatchObject({ id, bookingId: 'booking-1', cancelled: false, subject: conference().subject });
      expect(busy[0]!.start.toISOString()).toBe('2026-11-25T10:00:00.000Z');
      expect(busy[0]!.end.toISOString()).toBe('2026-11-25T10:30:00.000Z');
    });

    it('gives back the first event when a create is repeated with the same transactionId', async () => {
      const first = await calendar.createEvent(conference(), 'txn-same');
      const again = await calendar.createEvent(conference(), 'txn-same');
      expect(again.id).toBe(first.id);
      expect(ids(await calendar.busyBetween(dayStart, dayEnd))).toEqual([first.id]);
    });

    it('makes separate events for separate transactionIds', async () => {
      const a = await calendar.createEvent(conference(), 'txn-a');
      const b = await calendar.createEvent(conference({ start: at('11:00'), end: at('11:30'), bookingId: 'booking-2' }), 'txn-b');
      expect(a.id).not.toBe(b.id);
      expect(ids(await calendar.busyBetween(dayStart, dayEnd))).toEqual([a.id, b.id].sort());
    });

    it('counts a hand-made event as busy, with no booking id', async () => {
      await subject.addHandMade({ subject: 'Team meeting', start: at('09:00'), end: at('10:00') });
      const busy = await calendar.busyBetween(dayStart, dayEnd);
      expect(subjects(busy)).toEqual(['Team meeting']);
      expect(busy[0]!.bookingId).toBeUndefined();
    });

    it('leaves out events shown as free, but not tentative ones', async () => {
      await subject.addHandMade({ subject: 'Reminder', start: at('09:00'), end: at('10:00'), showAs: 'free' });
      await subject.addHandMade({ subject: 'Maybe', start: at('11:00'), end: at('12:00'), showAs: 'tentative' });
      expect(subjects(await calendar.busyBetween(dayStart, dayEnd))).toEqual(['Maybe']);
    });

    it('leaves out cancelled events', async () => {
      const kept = await calendar.createEvent(conference(), 'txn-kept');
      const gone = await calendar.createEvent(conference({ start: at('11:00'), end: at('11:30'), bookingId: 'booking-2' }), 'txn-gone');
      await calendar.cancelEvent(gone.id, 'Police unavailable');
      expect(ids(await calendar.busyBetween(dayStart, dayEnd))).toEqual([kept.id]);
    });

    it('returns only events overlapping [from, to): an event ending at from or starting at to is outside', async () => {
      await subject.addHandMade({ subject: 'ends at from', start: at('09:00'), end: at('10:00') });
      await subject.addHandMade({ subject: 'inside', start: at('10:00'), end: at('10:30') });
      await subject.addHandMade({ subject: 'straddles to', start: at('10:45'), end: at('11:15') });
      await subject.addHandMade({ subject: 'starts at to', start: at('11:00'), end: at('12:00') });
      await subject.addHandMade({ subject: 'covers all', start: at('08:00'), end: at('13:00') });
      expect(subjects(await calendar.busyBetween(at('10:00'), at('11:00')))).toEqual(['covers all', 'inside', 'straddles to']);
    });

    it('moves an event with updateEvent', async () => {
      const { id } = await calendar.createEvent(conference(), 'txn-move');
      await calendar.updateEvent(id, { start: at('14:00'), end: at('14:30'), subject: 'Moved' });
      expect(await calendar.busyBetween(at('10:00'), at('10:30'))).toEqual([]);
      const moved = await calendar.busyBetween(at('14:00'), at('14:30'));
      expect(moved).toHaveLength(1);
      expect(moved[0]).toMatchObject({ id, subject: 'Moved', bookingId: 'booking-1' });
      expect(moved[0]!.start.toISOString()).toBe('2026-11-25T14:00:00.000Z');
    });

    it('cancels idempotently, and cancelling a missing event is not an error', async () => {
      const { id } = await calendar.createEvent(conference(), 'txn-cancel');
      await calendar.cancelEvent(id, 'No longer needed');
      await calendar.cancelEvent(id, 'No longer needed');
      await calendar.cancelEvent('no-such-event', 'No longer needed');
      const after = await calendar.getEvent(id);
      expect(after === undefined || after.cancelled).toBe(true);
      expect(await calendar.busyBetween(dayStart, dayEnd)).toEqual([]);
    });

    it('shows attendee replies in getEvent, and undefined for a missing event', async () => {
      const { id } = await calendar.createEvent(conference(), 'txn-replies');
      const before = await calendar.getEvent(id);
      expect(before?.attendees.map((a) => [a.address, a.type, a.response])).toEqual([
        ['sw@example.org', 'required', 'none'],
        ['police.unit@example.org', 'optional', 'none'],
      ]);
      await subject.setResponse(id, 'sw@example.org', 'accepted');
      await subject.setResponse(id, 'police.unit@example.org', 'declined');
      const after = await calendar.getEvent(id);
      expect(after).toMatchObject({ id, bookingId: 'booking-1', cancelled: false });
      expect(after?.attendees.map((a) => [a.address, a.response])).toEqual([
        ['sw@example.org', 'accepted'],
        ['police.unit@example.org', 'declined'],
      ]);
      expect(await calendar.getEvent('no-such-event')).toBeUndefined();
    });

    it('returns every event of a crowded day, however the store pages them', async () => {
      const count = 36; // ten-minute events 08:00-14:00, more than one Graph page in the tests
      const created = await Promise.all(
        Array.from({ length: count }, (_, i) => {
          const start = new Date(at('08:00').getTime() + i * 600_000);
          return calendar.createEvent(conference({ start, end: new Date(start.getTime() + 600_000), bookingId: `booking-${i}` }), `txn-many-${i}`);
        }),
      );
      const busy = await calendar.busyBetween(dayStart, dayEnd);
      expect(ids(busy)).toEqual(ids(created));
      expect(new Set(busy.map((e) => e.bookingId)).size).toBe(count);
    });
  });
}
