import type { Slot } from '../scheduling/model/Interval.js';
import type { StoredRequest } from '../scheduling/model/DiscussionRequest.js';
import { agenda } from '../scheduling/rules/agenda.js';
import { formatSlotInWords, formatUkDateTimeInWords } from '../scheduling/rules/formatUkDateTime.js';
import { expandCard, type AdaptiveCard } from './AdaptiveCard.js';
import { inertText } from './inertText.js';
import template from './agendaCard.json' with { type: 'json' };

/**
 * The agenda card the chair walks through. It is posted into the conversation, so it names the
 * case by N number only, whoever can see it. Posted with the action plan (`meeting`), it says
 * where each item's notes go.
 * Rule: DOMAIN.md "The agenda".
 * @example
 * agendaCard({ booking, request }) // lists the 8 agenda items, 1. Introductions and apologies...
 */
export function agendaCard(input: { booking: Slot; request: Pick<StoredRequest, 'nNumbers' | 'childSurnames'> } | { meeting: { start: Date; venue: string }; request: Pick<StoredRequest, 'nNumbers'> }): AdaptiveCard {
  return expandCard(template, {
    slot: 'booking' in input ? formatSlotInWords(input.booking) : `${formatUkDateTimeInWords(input.meeting.start)} - ${inertText(input.meeting.venue)}`,
    case: { nNumbers: inertText(input.request.nNumbers.join(', ')) },
    items: agenda.map((text, i) => ({ number: String(i + 1), text })),
    withPlan: !('booking' in input),
  });
}
