/**
 * Where the bot can reach a person again: the Teams conversation reference of each user's chats
 * with the bot, kept for proactive messages (reminders, escalations). Opaque to the domain.
 * Adapter: `SqlConversationReferences` (PGlite or PostgreSQL); contract: test/contracts/conversationReferencesContract.ts.
 */
export interface ConversationReferences {
  /**
   * Keeps the Teams conversation reference of a user's chat with the bot (one per user and
   * conversation), so later features can message the manager proactively.
   */
  saveConversationReference(userId: string, conversationId: string, reference: unknown, at: Date): Promise<void>;
  /** The user's most recently used conversation references, newest first. */
  conversationReferencesOf(userId: string): Promise<readonly unknown[]>;
  /**
   * The newest conversation reference saved in a conversation, whoever it was saved for (every
   * member's reference reaches the same conversation): how a card posted there is updated later.
   * `undefined` when none was saved.
   */
  conversationReferenceIn(conversationId: string): Promise<unknown>;
}
