import type { PostedCard } from './CardPosting.js';

/**
 * Where strategy discussions are held (CONFERENCE_MODE): on the area's conference line
 * (`dial-in`, the default) or in a Teams meeting created with the calendar event (`teams`).
 */
export type ConferenceMode = 'dial-in' | 'teams';

/**
 * Where the cards a discussion works from (its agenda; the action plan beside it) are posted:
 * the requester's personal chat with the bot, or the chat of the Teams meeting the discussion is
 * held in (its thread id, `19:meeting_...@thread.v2`).
 */
export type DiscussionPlace = { readonly kind: 'requesterChat' } | { readonly kind: 'meetingChat'; readonly chatId: string };

/** One card posted for a discussion, and where it stands (recorded so card refreshes reach it). */
export interface PostedDiscussionCard {
  readonly conversationId: string;
  /** Teams' `conversationType`: `personal` for the requester's chat, `groupChat` for a meeting chat. */
  readonly conversationType: string;
  readonly activityId: string;
  readonly card: PostedCard;
}

/** What came of posting a discussion's cards: nothing when the bot cannot reach that conversation yet. */
export type DiscussionPosting = { readonly delivery: 'no-conversation' } | { readonly delivery: 'sent'; readonly cards: readonly PostedDiscussionCard[] };
