/**
 * What a posted card shows of its request: the case's own card (the booking, urgent or cancelled
 * card, whichever the case is now), the case's agenda, or its discussion's action plan (`plan`:
 * the members of a shared conversation holding one are participants of the discussion).
 */
export type PostedCard = 'case' | 'agenda' | 'plan';

/** Where a card about a request was posted: the members of a shared conversation holding one may act on the request. */
export interface CardPosting {
  readonly requestId: string;
  readonly conversationId: string;
  /** Teams' `conversationType`: `personal`, `groupChat` or `channel`. */
  readonly conversationType: string;
  /** The posted activity, so the card can be updated when the case changes. */
  readonly activityId: string;
  /** Which card stands there, so an update shows the same kind of card. */
  readonly card: PostedCard;
}
