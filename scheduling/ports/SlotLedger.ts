import type { Actor } from '../model/Actor.js';
import type { Booking, BookingStatus, NewBooking } from '../model/Booking.js';
import type { StoredRequest } from '../model/DiscussionRequest.js';
import type { Interval } from '../model/Interval.js';

export interface BookingFilter {
  readonly requestedBy?: string;
  readonly nNumber?: string;
  readonly statuses?: readonly BookingStatus[];
  /** Bookings whose slot starts at or after this instant. */
  readonly from?: Date;
  /** Bookings whose request has a card posted in this conversation (a channel counts as one, whatever the thread). */
  readonly postedIn?: string;
}

/**
 * The slot ledger: bookings and the diary cells they hold. No double booking is enforced here:
 * each diary cell of a calendar is one row under a unique key, so two bookings can never hold the
 * same cell, whatever the callers do.
 * Adapter: `SqlSlotLedger` (PGlite or PostgreSQL); contract: test/contracts/slotLedgerContract.ts.
 * Every change writes its audit entry in the same transaction.
 */
export interface SlotLedger {
  /** Cells held by reserved or booked bookings of `calendarId` that overlap [from, to). */
  heldCells(calendarId: string, from: Date, to: Date): Promise<readonly Interval[]>;
  /**
   * Takes every cell for a new booking (status `reserved`) in one transaction: all or nothing.
   * If `booking.replaces` is set, that booking's cells are released in the same transaction (rebook).
   * @returns false when any cell is already held; nothing is written then.
   */
  reserve(booking: NewBooking, cells: readonly Interval[], actor: Actor, at: Date): Promise<boolean>;
  /** Records the event created for a reserved booking (and its Teams meeting's join URL, if any): status `booked`. */
  confirmBooking(bookingId: string, eventId: string, actor: Actor, at: Date, joinUrl?: string): Promise<Booking>;
  /**
   * Makes a booked booking follow its event after a person moved, shortened or lengthened it in
   * Outlook: its times become `to`, it lets go of its old cells and holds `cells` (the new time's
   * rota cells) - except cells another booking holds, which stay that booking's (never two
   * holders of a cell; the calendar itself keeps the shared time busy). Audited
   * (`booking.moved-by-hand`). One transaction.
   * @returns the booking as it is now, and the cells it could not hold.
   */
  followEvent(bookingId: string, to: Interval, cells: readonly Interval[], actor: Actor, at: Date): Promise<{ booking: Booking; cellsNotHeld: readonly Interval[] }>;
  /** Cancels a booking and frees its cells. Cancelling a cancelled booking returns it unchanged. */
  cancelBooking(bookingId: string, actor: Actor, at: Date, reason: string): Promise<Booking>;
  getBooking(id: string): Promise<Booking | undefined>;
  /** The live (reserved or booked) booking of a request, if any. */
  currentBookingFor(requestId: string): Promise<Booking | undefined>;
  /** The request's live booking, or else its most recently cancelled one; undefined if it never had one. */
  lastBookingFor(requestId: string): Promise<Booking | undefined>;
  listBookings(filter: BookingFilter): Promise<ReadonlyArray<{ booking: Booking; request: StoredRequest }>>;
  /** Bookings still `reserved` (no event recorded) that were reserved before `before`. */
  reservationsBefore(before: Date): Promise<readonly Booking[]>;
  /** Bookings in [from, to) with an event recorded or not, any status: for reconciling the calendar. */
  bookingsBetween(calendarId: string, from: Date, to: Date): Promise<readonly Booking[]>;
}
