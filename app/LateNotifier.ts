import type { DiscussionPlace, DiscussionPosting } from '../scheduling/model/DiscussionPlace.js';
import type { Delivery, Notice } from '../scheduling/model/Notice.js';
import type { Notifier } from '../scheduling/ports/Notifier.js';

/**
 * The desk's notifier when the one that reaches Teams comes later: the desk opens before the bot's
 * server makes its Teams adapter (bot/TeamsNotifier.ts), so `npm start` attaches that one once the
 * server is up, and from then on everything is passed to it. Until then - and for good in a process
 * without Teams, such as the command line - nobody is reached: `tell` and `postDiscussion` say `no-conversation`, and
 * `refreshCards` fails, so a job that asked keeps waiting for the bot to do it. It never pretends.
 */
export class LateNotifier implements Notifier {
  private target: Notifier | undefined;

  /** Starts passing everything to `notifier` (the bot's, once its adapter exists). */
  attach(notifier: Notifier): void {
    this.target = notifier;
  }

  tell(userId: string, notice: Notice): Promise<Delivery> {
    return this.target ? this.target.tell(userId, notice) : Promise.resolve('no-conversation');
  }

  refreshCards(requestId: string): Promise<void> {
    if (!this.target) return Promise.reject(new Error('cards cannot be updated from this process: there is no Teams connection here (the bot updates them)'));
    return this.target.refreshCards(requestId);
  }

  postDiscussion(requestId: string, place: DiscussionPlace): Promise<DiscussionPosting> {
    return this.target ? this.target.postDiscussion(requestId, place) : Promise.resolve({ delivery: 'no-conversation' });
  }
}
