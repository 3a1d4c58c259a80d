import type { ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import { audienceFor } from '../cards/Audience.js';
import { deskNoticeCard } from '../cards/deskNoticeCard.js';
import type { Desk } from '../scheduling/Desk.js';
import { logSafeError } from '../scheduling/logSafeError.js';
import type { Delivery, Notice } from '../scheduling/model/Notice.js';
import type { Notifier } from '../scheduling/ports/Notifier.js';
import { cardMessage } from './cardAnswers.js';
import { caseNamesOf, guardOutgoingCards } from './guardOutgoingCards.js';
import type { ContinueConversation } from './InPlaceAnswers.js';
import { standingCard } from './standingCard.js';

/** A kept conversation reference, as far as the notifier reads one (it is opaque to the desk). */
type Reference = Partial<ConversationReference> & { readonly serviceUrl: string; readonly conversation: { readonly id: string; readonly conversationType?: string } };

function isReference(value: unknown): value is Reference {
  const r = value as Reference | undefined;
  return typeof r === 'object' && r !== null && typeof r.serviceUrl === 'string' && typeof r.conversation?.id === 'string';
}

/** The person a reference was kept for, as `actorOf` names them (Entra object id where Teams gives one). */
function personOf(reference: Reference): string {
  return reference.user?.aadObjectId ?? reference.user?.id ?? '';
}

/** Teams says the card is gone (deleted, or the bot was removed from the conversation): nothing left to update. */
function isGone(error: unknown): boolean {
  const status = (error as { statusCode?: unknown }).statusCode;
  return status === 403 || status === 404;
}

/**
 * The Teams side of the `Notifier` port, over the bot's Bot Framework adapter: tells a person in
 * their personal chat with the bot (from the conversation reference kept on their last turn
 * there), and updates every card posted about a request in place (by the activity ids kept when
 * they were posted), each for the audience of its conversation. Everything it sends or updates
 * passes the surname check (`guardOutgoingCards`). It reads the case through the desk only.
 * Logs ids only.
 * Rule: issue 8 "Notifier"; DOMAIN.md "Privacy and safety rules of the domain".
 */
export class TeamsNotifier implements Notifier {
  constructor(private readonly deps: { desk: Desk; continueConversation: ContinueConversation; log: Logger }) {}

  async tell(userId: string, notice: Notice): Promise<Delivery> {
    const { desk, continueConversation, log } = this.deps;
    const personal = (await desk.conversationsOf(userId)).filter(isReference).find((r) => r.conversation.conversationType === 'personal');
    if (!personal) {
      log.warn({ userId, notice: notice.kind, requestId: notice.requestId }, 'no personal chat with this person yet: the notice is kept for a retry');
      return 'no-conversation';
    }
    const { request } = await desk.caseCards(notice.requestId);
    await continueConversation(personal, async (context) => {
      guardOutgoingCards(context, log, [caseNamesOf(request)]);
      await context.sendActivity(cardMessage(deskNoticeCard(notice)));
    });
    log.info({ userId, notice: notice.kind, requestId: notice.requestId }, 'told a person in their personal chat');
    return 'sent';
  }

  /**
   * Updates every posted card of the request. A card Teams no longer has is skipped; any other
   * failure is logged and, once every card has been tried, thrown, so the job runs again.
   */
  async refreshCards(requestId: string): Promise<void> {
    const { desk, continueConversation, log } = this.deps;
    const view = await desk.caseCards(requestId);
    const cases = [caseNamesOf(view.request)];
    let failed = 0;
    for (const posting of view.postings) {
      const where = { requestId, conversationType: posting.conversationType, activityId: posting.activityId };
      if (!isReference(posting.reference)) {
        log.warn(where, 'no conversation reference is kept where this card was posted: it cannot be updated');
        continue;
      }
      const audience = audienceFor(posting.conversationType, personOf(posting.reference), view.request.requestedBy.id);
      const card = standingCard(view, posting.card, audience, desk.settings);
      if (!card) continue;
      try {
        await continueConversation(posting.reference, async (context) => {
          guardOutgoingCards(context, log, cases);
          await context.updateActivity({ ...cardMessage(card), id: posting.activityId });
        });
      } catch (error) {
        if (isGone(error)) {
          log.info({ ...where, err: logSafeError(error) }, 'a posted card is gone from Teams: not updated');
          continue;
        }
        failed++;
        log.warn({ ...where, err: logSafeError(error) }, 'could not update a posted card');
      }
    }
    if (failed > 0) throw new Error(`${failed} of ${view.postings.length} posted cards of request ${requestId} could not be updated`);
  }
}
