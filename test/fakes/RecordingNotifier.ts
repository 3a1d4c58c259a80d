import type { DiscussionPlace, DiscussionPosting } from '../../scheduling/model/DiscussionPlace.js';
import type { Delivery, Notice } from '../../scheduling/model/Notice.js';
import type { Notifier } from '../../scheduling/ports/Notifier.js';

/** The `Notifier` port for service tests: records what would have been said and refreshed. */
export class RecordingNotifier implements Notifier {
  readonly told: Array<{ userId: string; notice: Notice }> = [];
  readonly refreshed: string[] = [];
  /** Users the bot has no conversation with (their notices come back `no-conversation`). */
  readonly unreachable = new Set<string>();

  async tell(userId: string, notice: Notice): Promise<Delivery> {
    if (this.unreachable.has(userId)) return 'no-conversation';
    this.told.push({ userId, notice });
    return 'sent';
  }

  async refreshCards(requestId: string): Promise<void> {
    this.refreshed.push(requestId);
  }

  /** Discussions posted, with where and when (by the desk's clock, if `clock` is set). */
  readonly discussions: Array<{ requestId: string; place: DiscussionPlace; at?: Date }> = [];
  /** Requests whose discussion cannot be posted yet (answered `no-conversation`). */
  readonly unreachableDiscussions = new Set<string>();
  /** Gives `discussions` their time (set it to the test's clock). */
  clock: { now(): Date } | undefined;

  async postDiscussion(requestId: string, place: DiscussionPlace): Promise<DiscussionPosting> {
    if (this.unreachableDiscussions.has(requestId)) return { delivery: 'no-conversation' };
    this.discussions.push({ requestId, place, ...(this.clock ? { at: this.clock.now() } : {}) });
    const n = this.discussions.length;
    const conversation = place.kind === 'meetingChat' ? { conversationId: place.chatId, conversationType: 'groupChat' } : { conversationId: `a:requester-of-${requestId}`, conversationType: 'personal' };
    return { delivery: 'sent', cards: [{ ...conversation, activityId: `agenda-${n}`, card: 'agenda' }] };
  }
}
