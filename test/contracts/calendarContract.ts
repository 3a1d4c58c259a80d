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
  /**
   * An invitee answering the invite in Outlook at `at`; someone not on the event (a forwarded
   * invite, given with their `name`) is added first, as Exchange adds them.
   */
  answer(eventId: string, reply: { address: string; name?: string; response: AttendeeResponse }, at: Date): Promise<void>;
  /** A person moving or shortening the event in Outlook. */
  moveByHand(eventId: string, start: Date, end: Date): Promise<void>;
  /** A person deleting the event in Outlook. */
  deleteByHand(eventId: string): Promise<void>;
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
      await subject.answer(id, { address: 'sw@example.org', response: 'accepted' }, at('08:00'));
      await subject.answer(id, { address: 'police.unit@example.org', response: 'declined' }, at('08:05'));
      const after = await calendar.getEvent(id);
      expect(after).toMatchObject({ id, bookingId: 'booking-1', cancelled: false });
      expect(after?.attendees.map((a) => [a.address, a.response])).toEqual([
        ['sw@example.org', 'accepted'],
        ['police.unit@example.org', 'declined'],
      ]);
      expect(await calendar.getEvent('no-such-event')).toBeUndefined();
    });

    it('gives each reply its time, and none to an attendee who has not answered', async () => {
      const { id } = await calendar.createEvent(conference(), 'txn-reply-time');
      await subject.answer(id, { address: 'police.unit@example.org', response: 'accepted' }, new Date('2026-11-24T14:02:00Z'));
      const [entry] = await calendar.eventsBetween(dayStart, dayEnd);
      const police = entry?.attendees.find((a) => a.address === 'police.unit@example.org');
      expect(police?.response).toBe('accepted');
      expect(police?.respondedAt?.toISOString()).toBe('2026-11-24T14:02:00.000Z');
      expect(entry?.attendees.find((a) => a.address === 'sw@example.org')?.respondedAt).toBeUndefined();
    });

    it('shows someone the invite was forwarded to as an attendee with their reply', async () => {
      const { id } = await calendar.createEvent(conference(), 'txn-forwarded');
      await subject.answer(id, { address: 'ds.smith@police.example.org', name: 'DS Smith', response: 'accepted' }, at('09:00'));
      const entry = await calendar.getEvent(id);
      expect(entry?.attendees.map((a) => a.address)).toEqual(['sw@example.org', 'police.unit@example.org', 'ds.smith@police.example.org']);
      expect(entry?.attendees[2]).toMatchObject({ address: 'ds.smith@police.example.org', name: 'DS Smith', response: 'accepted' });
      expect(entry?.attendees[2]?.respondedAt?.toISOString()).toBe(at('09:00').toISOString());
    });

    it('lists every event of a window in eventsBetween, free and cancelled ones included', async () => {
      const ours = await calendar.createEvent(conference(), 'txn-all');
      const gone = await calendar.createEvent(conference({ start: at('11:00'), end: at('11:30'), bookingId: 'booking-2' }), 'txn-all-gone');
      await calendar.cancelEvent(gone.id, 'No longer needed');
      await subject.addHandMade({ subject: 'Reminder', start: at('09:00'), end: at('09:30'), showAs: 'free' });
      await subject.addHandMade({ subject: 'Next day', start: dayEnd, end: new Date(dayEnd.getTime() + 3_600_000) });
      const all = await calendar.eventsBetween(dayStart, dayEnd);
      // Graph removes a cancelled meeting from the organiser's calendar; the local one keeps it, marked.
      const cancelledShown = all.filter((e) => e.id === gone.id);
      expect(cancelledShown.every((e) => e.cancelled)).toBe(true);
      expect(subjects(all.filter((e) => e.id !== gone.id))).toEqual([conference().subject, 'Reminder'].sort());
      expect(all.find((e) => e.id === ours.id)).toMatchObject({ bookingId: 'booking-1', cancelled: false });
    });

    it('follows an event moved by hand, with everyone asked to reply again', async () => {
      const { id } = await calendar.createEvent(conference(), 'txn-hand-move');
      await subject.answer(id, { address: 'police.unit@example.org', response: 'accepted' }, at('08:00'));
      await subject.moveByHand(id, at('11:00'), at('11:15'));
      const moved = await calendar.getEvent(id);
      expect(moved?.start.toISOString()).toBe(at('11:00').toISOString());
      expect(moved?.end.toISOString()).toBe(at('11:15').toISOString());
      expect(moved?.attendees.map((a) => a.response)).toEqual(['none', 'none']);
      expect(ids(await calendar.eventsBetween(at('10:00'), at('10:30')))).toEqual([]);
    });

    it('loses an event deleted by hand: getEvent finds nothing and no window lists it', async () => {
      const { id } = await calendar.createEvent(conference(), 'txn-hand-delete');
      await subject.deleteByHand(id);
      expect(await calendar.getEvent(id)).toBeUndefined();
      expect(await calendar.eventsBetween(dayStart, dayEnd)).toEqual([]);
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
