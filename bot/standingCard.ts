import type { AdaptiveCard } from '../cards/AdaptiveCard.js';
import { agendaCard } from '../cards/agendaCard.js';
import type { Audience } from '../cards/Audience.js';
import { bookingCard } from '../cards/bookingCard.js';
import { cancelledCard } from '../cards/cancelledCard.js';
import { urgentCard } from '../cards/urgentCard.js';
import type { CaseView, DeskSettings } from '../scheduling/Desk.js';
import type { PostedCard } from '../scheduling/model/CardPosting.js';
import type { CaseCardsView } from '../scheduling/services/CaseCards.js';

/**
 * The card that should stand where a card about the case was posted, as the case is now: the
 * urgent card; the booking card, or the cancelled card once the booking is cancelled; the agenda
 * (N numbers only) where the agenda was posted, or the cancelled card in its place. `undefined`
 * when nothing stands for the case yet (a rota request still without a booking), and where the
 * action plan was posted (that card follows the plan).
 * Rule: issue 11 "every copy of a card updated when its booking changes".
 * @example
 * standingCard({ request, booking: { ...booking, status: 'cancelled' }, postings }, 'case', 'shared', settings)
 * // the cancelled card, N numbers only
 */
export function standingCard(view: CaseCardsView, card: PostedCard, audience: Audience, settings: DeskSettings): AdaptiveCard | undefined {
  // The discussion plan's card is drawn from the plan (DiscussionDesk), not from the case: never
  // replace it with the case's card.
  if (card === 'plan') return undefined;
  const { request, booking, urgent } = view;
  if (urgent) return card === 'case' ? urgentCard({ ...urgent, contacts: settings.escalationContacts, audience }) : undefined;
  if (!booking) return undefined;
  if (card === 'agenda' && booking.status !== 'cancelled') return agendaCard({ booking, request });
  return caseOwnCard({ ...view, booking }, audience, settings);
}

/**
 * The case's own card from a view of its booking: the cancelled card, or the booking card with
 * the replies to its invite, how it moved and where its police email stands; `confirmCancel` asks
 * "Cancel this strategy discussion?" on it.
 */
export function caseOwnCard(view: CaseView, audience: Audience, settings: DeskSettings, extra: { readonly confirmCancel?: boolean } = {}): AdaptiveCard {
  const { booking, request, replies, replaced, policeEmail } = view;
  if (booking.status === 'cancelled') return cancelledCard({ booking, request, audience });
  const { slotMinutes, policeReferralAddress, joinDetails } = settings;
  return bookingCard({ booking, request, audience, slotMinutes, policeAddress: policeReferralAddress, joinDetails, ...extra, ...(replies ? { replies } : {}), ...(replaced ? { replaced } : {}), ...(policeEmail ? { policeEmail } : {}) });
}
