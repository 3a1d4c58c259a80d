import type { Interval } from './Interval.js';

/** Reply of one attendee to the invite, in Graph's words. */
export type AttendeeResponse = 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';

export interface Attendee {
  readonly address: string;
  readonly name?: string;
  readonly type: 'required' | 'optional';
}

/**
 * An attendee as the calendar shows them: their reply and when they sent it (Graph's
 * `status.time`; absent while they have not answered). Exchange adds people an invitee forwarded
 * the invite to, so attendees can include people we never invited.
 */
export interface AttendeeStatus extends Attendee {
  readonly response: AttendeeResponse;
  readonly respondedAt?: Date;
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
  /**
   * Held as a Teams meeting (CONFERENCE_MODE=teams): the calendar creates the meeting with the
   * event and gives back its join URL. Otherwise people join by the conference line in the body.
   */
  readonly teamsMeeting?: boolean;
}

/** An event on the calendar, as read back. */
export interface CalendarEntry extends Interval {
  readonly id: string;
  /** Our marker, when the event is one of ours. */
  readonly bookingId?: string;
  readonly subject: string;
  readonly attendees: readonly AttendeeStatus[];
  readonly cancelled: boolean;
  /** The Teams meeting's join URL, when the event is one (Graph's `onlineMeeting.joinUrl`). */
  readonly joinUrl?: string;
}

export interface EventRef {
  readonly id: string;
  /** The Teams meeting's join URL, when the event was created as one. */
  readonly joinUrl?: string;
}
