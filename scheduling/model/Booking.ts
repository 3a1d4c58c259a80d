import type { Interval } from './Interval.js';

export type BookingStatus = 'reserved' | 'booked' | 'cancelled';

/** A slot held for a request in the shared calendar. */
export interface Booking extends Interval {
  readonly id: string;
  readonly requestId: string;
  /** The calendar (shared mailbox address) the slot is in. */
  readonly calendarId: string;
  readonly status: BookingStatus;
  /** Graph transactionId used to create its event; stable across retries. */
  readonly transactionId: string;
  readonly eventId?: string;
  /**
   * The Teams meeting's join URL (CONFERENCE_MODE=teams), as the calendar gave it when the event
   * was created: the meeting's chat is found from it (rules/meetingChatId.ts).
   */
  readonly joinUrl?: string;
  /** The booking this one replaced (rebook). */
  readonly replaces?: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A booking about to be reserved. */
export interface NewBooking extends Interval {
  readonly id: string;
  readonly requestId: string;
  readonly calendarId: string;
  readonly transactionId: string;
  readonly replaces?: string;
}
