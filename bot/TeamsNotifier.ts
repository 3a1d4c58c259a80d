import type { ConversationReference } from 'botbuilder';
import { planCard } from '../cards/planCard.js';
import type { Logger } from 'pino';
import { audienceFor } from '../cards/Audience.js';
import { deskNoticeCard } from '../cards/deskNoticeCard.js';
import type { Desk } from '../scheduling/Desk.js';
import { logSafeError } from '../scheduling/logSafeError.js';
import type { DiscussionPlace, DiscussionPosting, PostedDiscussionCard } from '../scheduling/model/DiscussionPlace.js';
import type { Delivery, Notice } from '../scheduling/model/Notice.js';
import type { Notifier } from '../scheduling/ports/Notifier.js';
import { cardMessage } from './cardAnswers.js';
import { discussionCards } from './discussionCards.js';
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

/** Who a meeting chat's conversation reference is kept for: the chat itself, not a person. */
export const meetingChatViewer = { id: 'meeting-chat', name: 'Teams meeting chat' };

/**
 * A reference to a Teams meeting's chat, made from one the bot kept in the same tenant: the
 * tenant's Bot Connector (`serviceUrl`), the bot's own account and the tenant id carry over; the
 * conversation is the meeting's chat (a group chat to Teams), and nobody in particular is the
 * person addressed.
 */
export function meetingChatReference(base: Reference, chatId: string): Reference {
  const tenantId = (base.conversation as { tenantId?: string }).tenantId;
  return {
    channelId: base.channelId ?? 'msteams',
    serviceUrl: base.serviceUrl,
    ...(base.bot ? { bot: base.bot } : {}),
    user: meetingChatViewer,
    conversation: { id: chatId, conversationType: 'groupChat', isGroup: true, ...(tenantId ? { tenantId } : {}) } as Reference['conversation'],
  };
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
   * Posts the discussion's cards (bot/discussionCards.ts) into the requester's personal chat, or
   * into the Teams meeting's chat - reached through the tenant's Bot Connector, taken from the
   * requester's kept references (the meeting chat's own reference is kept from then on, so card
   * refreshes reach it). Says which card now stands where; the desk records the postings. Every
   * card passes the surname check for the conversation it goes to.
   */
  async postDiscussion(requestId: string, place: DiscussionPlace): Promise<DiscussionPosting> {
    const { desk, continueConversation, log } = this.deps;
    const view = await desk.caseCards(requestId);
    const references = (await desk.conversationsOf(view.request.requestedBy.id)).filter(isReference);
    const personal = references.find((r) => r.conversation.conversationType === 'personal');
    const base = personal ?? references[0];
    const reference = place.kind === 'requesterChat' ? personal : base && meetingChatReference(base, place.chatId);
    if (!reference) {
      log.warn({ requestId, place: place.kind, userId: view.request.requestedBy.id }, "no kept conversation of the requester to start from: the discussion's cards wait for a retry");
      return { delivery: 'no-conversation' };
    }
    if (place.kind === 'meetingChat') await desk.rememberConversation(meetingChatViewer.id, place.chatId, reference);
    const posted: PostedDiscussionCard[] = [];
    const { conversation } = reference;
    await continueConversation(reference, async (context) => {
      guardOutgoingCards(context, log, [caseNamesOf(view.request)]);
      const cards = discussionCards(view);
      for (const { card, kind } of cards) {
        const sent = await context.sendActivity(cardMessage(card));
        if (sent?.id) posted.push({ conversationId: conversation.id, conversationType: conversation.conversationType ?? '', activityId: sent.id, card: kind });
      }
      if (cards.length === 0) return;
      // The action plan beside the agenda, opened for the requester (the discussion is theirs):
      // the posted card is the N-numbers-only outline; each participant's refresh shows the plan.
      const source = { kind: 'teams' as const, conversationId: conversation.id, conversationType: conversation.conversationType ?? 'personal' };
      const result = await desk.openPlan(requestId, view.request.requestedBy, source);
      const plan = planCard({ view: { sight: 'redacted', plan: result.shared }, participantIds: [...result.participantIds], usualActions: [] });
      const sent = await context.sendActivity(cardMessage(plan));
      if (sent?.id) posted.push({ conversationId: conversation.id, conversationType: conversation.conversationType ?? '', activityId: sent.id, card: 'plan' });
    });
    log.info({ requestId, place: place.kind, conversationType: conversation.conversationType, cards: posted.length }, "posted the discussion's cards");
    return { delivery: 'sent', cards: posted };
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
