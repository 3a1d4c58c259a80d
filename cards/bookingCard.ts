import type { Booking, BookingStatus, StoredRequest } from '../scheduling/ports/Store.js';
import { formatSlotInWords } from '../scheduling/rules/formatUkDateTime.js';
import { expandCard, type AdaptiveCard } from './AdaptiveCard.js';
import type { Audience } from './Audience.js';
import template from './bookingCard.json' with { type: 'json' };
import { caseLines } from './caseLines.js';
import { verbs } from './verbs.js';

export interface BookingCardInput {
  readonly booking: Booking;
  readonly request: Pick<StoredRequest, 'nNumbers' | 'childSurnames'>;
  readonly audience: Audience;
  /** The rota's slot length: a booking of one slot can ask for a longer one. */
  readonly slotMinutes: number;
  /** A heading other than "Strategy discussion booked" (e.g. after a move to a longer slot). */
  readonly title?: string;
}

const statusText: Record<BookingStatus, string> = {
  reserved: 'Slot held - sending the invite',
  booked: 'Invite sent - awaiting police',
  cancelled: 'Cancelled',
};

/**
 * The booking card: the slot in plain en-GB words, the case, the status, and the buttons
 * Cancel, Need a longer slot and Show agenda.
 * Rule: issue 3 "Results, in place".
 * @example
 * bookingCard({ booking, request, audience: 'personal', slotMinutes: 15 }) // shows 'Wednesday 25 November 2026, 10:15-10:30'
 */
export function bookingCard(input: BookingCardInput): AdaptiveCard {
  const { booking, request, audience, slotMinutes } = input;
  const minutes = (booking.end.getTime() - booking.start.getTime()) / 60_000;
  return expandCard(template, {
    title: input.title ?? 'Strategy discussion booked',
    slot: formatSlotInWords(booking),
    case: caseLines(request, audience),
    status: statusText[booking.status],
    bookingId: booking.id,
    canLengthen: booking.status !== 'cancelled' && minutes <= slotMinutes,
    verbs: { cancel: verbs.cancelBooking, longer: verbs.longerSlot, agenda: verbs.showAgenda },
  });
}
