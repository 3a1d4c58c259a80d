import type { Booking } from '../scheduling/model/Booking.js';
import type { StoredRequest } from '../scheduling/model/DiscussionRequest.js';
import { formatSlotInWords } from '../scheduling/rules/formatUkDateTime.js';
import { expandCard, type AdaptiveCard } from './AdaptiveCard.js';
import type { Audience } from './Audience.js';
import { caseLines } from './caseLines.js';
import template from './myBookingsCard.json' with { type: 'json' };
import { statusText } from './bookingCard.js';
import { verbs } from './verbs.js';

/** How many bookings one card lists: keeps it well under the 28 KB card limit. */
export const maxListedBookings = 15;

export interface MyBookingsCardInput {
  readonly bookings: ReadonlyArray<{ readonly booking: Booking; readonly request: Pick<StoredRequest, 'nNumbers' | 'childSurnames'> }>;
  readonly audience: Audience;
}

/**
 * The manager's live bookings (as the store lists them), each with Cancel and Show agenda. In a
 * group chat or channel only the bookings whose card is there are listed (CaseAccess.listBookings),
 * so the card says that and points to the personal chat, never "you have none".
 * @example
 * myBookingsCard({ bookings: [], audience: 'personal' }) // says 'You have no strategy discussions booked from now on.'
 * myBookingsCard({ bookings: [], audience: 'shared' }) // says 'None of your strategy discussions from now on has its card in this conversation.'
 */
export function myBookingsCard(input: MyBookingsCardInput): AdaptiveCard {
  const listed = input.bookings.slice(0, maxListedBookings);
  return expandCard(template, {
    items: listed.map(({ booking, request }) => ({
      slot: formatSlotInWords(booking),
      case: caseLines(request, input.audience),
      status: statusText[booking.status],
      bookingId: booking.id,
    })),
    more: input.bookings.length - listed.length,
    shared: input.audience === 'shared',
    verbs: { cancel: verbs.cancelBooking, agenda: verbs.showAgenda, open: verbs.openRequest },
  });
}
