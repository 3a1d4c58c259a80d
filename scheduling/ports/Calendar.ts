import type { Interval } from '../rules/Interval.js';

/** Reply of one attendee to the invite, in Graph's words. */
export type AttendeeResponse = 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';

export interface Attendee {
  readonly address: string;
  readonly name?: string;
  readonly type: 'required' | 'optional';
}

/** An event we write to the shared Strategy Meeting calendar. */
export interface ConferenceEvent {
  readonly subject: string;
  readonly start: Date;
  readonly end: Date;
  readonly attendees: readonly Attendee[];
  /** Plain text body: agenda and joining details. */
  readonly body: string;
  /** Where people join: named by N number(s), never by a child's name. */
  readonly location: string;
  /**
   * The booking this event belongs to: the marker (a Graph single-value extended property) that
   * tells our events from ones people type in by hand. Absent for hand-made events.
   */
  readonly bookingId?: string;
}

/** An event on the calendar, as read back. */
export interface CalendarEntry extends Interval {
  readonly id: string;
  /** Our marker, when the event is one of ours. */
  readonly bookingId?: string;
  readonly subject: string;
  readonly attendees: ReadonlyArray<Attendee & { readonly response: AttendeeResponse }>;
  readonly cancelled: boolean;
}

export interface EventRef {
  readonly id: string;
}

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
   * Creates the event and sends the invites. `transactionId` makes a retried create return the
   * first event instead of a duplicate (Graph's `transactionId`); the same id always yields the
   * same event.
   */
  createEvent(event: ConferenceEvent, transactionId?: string): Promise<EventRef>;
  /** Moves or re-titles an event; attendees are told. */
  updateEvent(id: string, change: Partial<Pick<ConferenceEvent, 'subject' | 'start' | 'end' | 'body' | 'location' | 'attendees'>>): Promise<void>;
  /** Cancels the event, telling the attendees why. Cancelling a cancelled or missing event is not an error. */
  cancelEvent(id: string, comment: string): Promise<void>;
  /** One event with attendee replies, or undefined if it does not exist. */
  getEvent(id: string): Promise<CalendarEntry | undefined>;
}
