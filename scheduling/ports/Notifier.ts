import type { DiscussionPlace, DiscussionPosting } from '../model/DiscussionPlace.js';
import type { Delivery, Notice } from '../model/Notice.js';

/**
 * Reaches people proactively. Teams implementation: bot/TeamsNotifier.ts (messages from the stored
 * conversation reference; cards updated in place by their stored activity ids). Tests:
 * test/fakes/RecordingNotifier.ts.
 */
export interface Notifier {
  /**
   * Tells a person (by their Teams user id, the request's `requestedBy.id`) in their personal chat
   * with the bot. `no-conversation` when the bot has none with them yet: the caller keeps the job
   * and tries again later (throws from its handler).
   */
  tell(userId: string, notice: Notice): Promise<Delivery>;
  /** Updates every card posted about the request so it shows the case as it is now. */
  refreshCards(requestId: string): Promise<void>;
  /**
   * Posts the cards a booked discussion works from (its agenda; the place where the action plan
   * card joins it) into `place`, and says which cards now stand where, for the caller to record.
   * `no-conversation` when the bot cannot reach that conversation yet (it has no conversation
   * reference of the requester to start from): the caller keeps its job and tries again.
   */
  postDiscussion(requestId: string, place: DiscussionPlace): Promise<DiscussionPosting>;
}
