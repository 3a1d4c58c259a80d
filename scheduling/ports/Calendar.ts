import type { CalendarEntry, ConferenceEvent, EventRef } from '../model/ConferenceEvent.js';

/**
 * The shared Strategy Meeting calendar: the source of truth for what is taken.
 * Adapters: `LocalCalendar` (events in the store), `GraphCalendar` (a shared mailbox via Graph).
 * Both pass `test/contracts/calendarContract.ts`.
 */
export interface Calendar {
  /**
   * Events that make time busy and overlap [from, to): everything except events shown as free
   * and cancelled ones, ours and hand-made alike.
   */
  busyBetween(from: Date, to: Date): Promise<readonly CalendarEntry[]>;
  /**
   * Every event that overlaps [from, to), busy or free, cancelled or not, with each attendee's
   * reply and its time: what following the police's replies and people's edits needs. One read
   * of the window (Graph: one `calendarView`, paged), however many events it holds.
   */
  eventsBetween(from: Date, to: Date): Promise<readonly CalendarEntry[]>;
  /**
   * Creates the event and sends the invites. `transactionId` makes a retried create return the
   * first event instead of a duplicate (Graph's `transactionId`); the same id always yields the
   * same event.
   */
  createEvent(event: ConferenceEvent, transactionId?: string): Promise<EventRef>;
  /** Moves or re-titles an event; attendees are told. */
  updateEvent(id: string, change: Partial<Pick<ConferenceEvent, 'subject' | 'start' | 'end' | 'body' | 'location' | 'attendees'>>): Promise<void>;
  /** Cancels the event, telling the attendees why. Cancelling a cancelled or missing event is not an error. */
  cancelEvent(id: string, comment: string): Promise<void>;
  /** One event with attendee replies (and their times), or undefined if it does not exist. */
  getEvent(id: string): Promise<CalendarEntry | undefined>;
}
