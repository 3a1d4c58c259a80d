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
}
