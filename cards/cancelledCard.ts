import type { Booking } from '../scheduling/model/Booking.js';
import type { StoredRequest } from '../scheduling/model/DiscussionRequest.js';
import { formatSlotInWords } from '../scheduling/rules/formatUkDateTime.js';
import { expandCard, type AdaptiveCard } from './AdaptiveCard.js';
import type { Audience } from './Audience.js';
import { caseLines } from './caseLines.js';
import template from './cancelledCard.json' with { type: 'json' };
import { verbs } from './verbs.js';

/**
 * The card that replaces a booking card once the booking is cancelled.
 * @example
 * cancelledCard({ booking, request, audience: 'shared' }) // 'Strategy discussion cancelled', case N146782
 */
export function cancelledCard(input: { booking: Booking; request: Pick<StoredRequest, 'nNumbers' | 'childSurnames'>; audience: Audience }): AdaptiveCard {
  return expandCard(template, { slot: formatSlotInWords(input.booking), case: caseLines(input.request, input.audience), verb: verbs.openRequest });
}
