/** Where a card about a request was posted: the members of a shared conversation holding one may act on the request. */
export interface CardPosting {
  readonly requestId: string;
  readonly conversationId: string;
  /** Teams' `conversationType`: `personal`, `groupChat` or `channel`. */
  readonly conversationType: string;
  /** The posted activity, so later features can update the card. */
  readonly activityId: string;
}
