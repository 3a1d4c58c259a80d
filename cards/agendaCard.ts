import type { Booking } from '../scheduling/model/Booking.js';
import type { StoredRequest } from '../scheduling/model/DiscussionRequest.js';
import { agenda } from '../scheduling/rules/agenda.js';
import { formatSlotInWords } from '../scheduling/rules/formatUkDateTime.js';
import { expandCard, type AdaptiveCard } from './AdaptiveCard.js';
import { caseLines } from './caseLines.js';
import template from './agendaCard.json' with { type: 'json' };

/**
 * The agenda card the chair walks through. It is posted into the conversation, so it names the
 * case by N number only, whoever can see it.
 * Rule: DOMAIN.md "The agenda".
 * @example
 * agendaCard({ booking, request }) // lists the 8 agenda items, 1. Introductions and apologies...
 */
export function agendaCard(input: { booking: Booking; request: Pick<StoredRequest, 'nNumbers' | 'childSurnames'> }): AdaptiveCard {
  return expandCard(template, {
    slot: formatSlotInWords(input.booking),
    case: caseLines(input.request, 'shared'),
    items: agenda.map((text, i) => ({ number: String(i + 1), text })),
  });
}
