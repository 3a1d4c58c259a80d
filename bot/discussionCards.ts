import { agendaCard } from '../cards/agendaCard.js';
import type { AdaptiveCard } from '../cards/AdaptiveCard.js';
import type { PostedCard } from '../scheduling/model/CardPosting.js';
import type { CaseCardsView } from '../scheduling/services/CaseCards.js';

/**
 * The cards a booked discussion works from, in the order they are posted where it happens (the
 * requester's chat or the Teams meeting's chat): its agenda - N numbers only, as every card
 * posted in a shared conversation - and, once the action plan lands, the plan card beside it.
 * Each says which kind of card it is, so the posting is recorded and refreshed as that kind.
 * Empty when the case has no live booked slot (nothing to hold).
 * Rule: issue 9 "Where the discussion happens".
 * @example
 * discussionCards({ request, booking, postings: [] }) //=> [{ card: <the agenda>, kind: 'agenda' }]
 */
export function discussionCards(view: CaseCardsView): ReadonlyArray<{ readonly card: AdaptiveCard; readonly kind: PostedCard }> {
  const { request, booking } = view;
  if (!booking || booking.status !== 'booked') return [];
  return [{ card: agendaCard({ booking, request }), kind: 'agenda' }];
}
