import type { Booking } from '../model/Booking.js';
import type { AttendeeResponse } from '../model/ConferenceEvent.js';
import type { Clock } from '../ports/Clock.js';
import type { HandEdits } from '../ports/HandEdits.js';
import type { SlotLedger } from '../ports/SlotLedger.js';
import { ConflictError, NotFoundError } from './errors.js';

/** The booking and event a hand edit was played on. */
export interface HandEdited {
  readonly bookingId: string;
  readonly eventId: string;
}

/** Why a hand edit cannot be played: the calendar is a real one, edited in Outlook. */
export const notLocalCalendar = 'the calendar is Microsoft Graph (CALENDAR_BACKEND=graph): answer, move or delete the event in Outlook; these commands play Outlook on the local calendar only';

/**
 * Plays Outlook on the local calendar, so the reply loop can be tried without a tenant: the police
 * answering the invite (or a DS it was forwarded to), a person moving or deleting the event. It
 * only edits the calendar, as Outlook would; the desk notices on its next read of the calendar.
 * A case is named by its booking id or by an N number with exactly one live booking.
 */
export class OutlookStandIn {
  constructor(private readonly deps: { readonly slots: SlotLedger; readonly clock: Clock; readonly handEdits?: HandEdits }) {}

  async answer(target: string, reply: { readonly address: string; readonly name?: string; readonly response: AttendeeResponse }): Promise<HandEdited> {
    const { edits, booking, eventId } = await this.resolve(target);
    await edits.answerInvite(eventId, reply, this.deps.clock.now());
    return { bookingId: booking.id, eventId };
  }

  /** Moves the event to `start`, keeping its length unless `minutes` is given. */
  async move(target: string, start: Date, minutes?: number): Promise<HandEdited & { readonly start: Date; readonly end: Date }> {
    const { edits, booking, eventId } = await this.resolve(target);
    const length = minutes !== undefined ? minutes * 60_000 : booking.end.getTime() - booking.start.getTime();
    const end = new Date(start.getTime() + length);
    await edits.moveByHand(eventId, start, end);
    return { bookingId: booking.id, eventId, start, end };
  }

  async delete(target: string): Promise<HandEdited> {
    const { edits, booking, eventId } = await this.resolve(target);
    await edits.deleteByHand(eventId);
    return { bookingId: booking.id, eventId };
  }

  /**
   * The booked booking named by id, or the one live booking of an N number, and its event.
   * @throws ConflictError with Graph, for several live bookings, or a booking with no event; NotFoundError.
   */
  private async resolve(target: string): Promise<{ edits: HandEdits; booking: Booking; eventId: string }> {
    const { slots, clock, handEdits } = this.deps;
    if (!handEdits) throw new ConflictError(notLocalCalendar);
    let booking = await slots.getBooking(target);
    if (!booking) {
      const live = await slots.listBookings({ nNumber: target, statuses: ['booked'], from: clock.now() });
      if (live.length > 1) throw new ConflictError(`${target} has ${live.length} booked slots from now on; name one by its booking id`);
      booking = live[0]?.booking;
    }
    if (!booking) throw new NotFoundError('booking', target);
    if (booking.status !== 'booked' || !booking.eventId) throw new ConflictError(`booking ${booking.id} has no calendar event (it is ${booking.status})`);
    return { edits: handEdits, booking, eventId: booking.eventId };
  }
}
