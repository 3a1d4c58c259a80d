import { logSafeError } from '../scheduling/logSafeError.js';
import { TurnContext, type ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import type { AdaptiveCard } from '../cards/AdaptiveCard.js';
import { audienceOf } from '../cards/Audience.js';
import { cardMessage } from './cardAnswers.js';
import { casesOf, guardOutgoingCards, type CaseNames } from './guardOutgoingCards.js';

/** Runs `logic` in a conversation after the turn that named it has ended (the adapter's proactive call). */
export type ContinueConversation = (reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

/** What a card action produces. */
export interface CardResult {
  readonly card: AdaptiveCard;
  /**
   * The card may replace the clicked card for everyone in the conversation (a booking, urgent or
   * cancelled card in the audience's view). False for a card that shows what one person typed
   * (the request card with errors): that one only ever goes back to the person who clicked.
   */
  readonly forAll: boolean;
  /** The request the card is about, when it is one that stands for it in the conversation (recorded where it is posted). */
  readonly about?: string;
  /**
   * What everyone else sees when it differs from `card` (a `forAll` result): the action plan
   * answers its participant with their full view and updates the posted card to the redacted one.
   */
  readonly shared?: AdaptiveCard;
}

/**
 * Puts results on the card that asked for them. An invoke answer replaces the clicked card only
 * for the person who clicked, so results meant for everyone also update the card's message.
 * When the work is slow (the calendar), Teams gets an interim card at once and the card is
 * updated when the work is done, so Teams never shows a time-out (PLATFORM.md: invokes time out
 * after about 10-15 s). Updates that outlive their turn are tracked for a graceful shutdown.
 */
export class InPlaceAnswers {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly deps: {
      continueConversation: ContinueConversation;
      /** How long an invoke waits for the work before answering with the interim card. */
      slowAnswerMs: number;
      /** Shown instead of a late private result in a shared conversation. */
      latePrivateCard: () => AdaptiveCard;
      log: Logger;
    },
  ) {}

  /**
   * What to answer the turn with. Outside an invoke (the Action.Submit fallback) it simply
   * waits for `work`. `work` must not reject: failures are cards too. Late updates are checked
   * against the cases the turn concerns (`guardOutgoingCards`), including those the work adds.
   */
  async answer(context: TurnContext, work: Promise<CardResult>, interim: AdaptiveCard): Promise<CardResult> {
    const cardId = context.activity.replyToId;
    if (context.activity.type !== 'invoke' || !cardId) return work;
    const reference = TurnContext.getConversationReference(context.activity);
    const cases = casesOf(context);
    let timer: NodeJS.Timeout | number | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, this.deps.slowAnswerMs);
    });
    const first = await Promise.race([work, late]);
    clearTimeout(timer);
    if (first) {
      if (first.forAll) this.track(this.update(reference, cardId, first.shared ?? first.card, cases));
      return first;
    }
    const personal = audienceOf(context.activity.conversation.conversationType) === 'personal';
    this.track(work.then((result) => this.update(reference, cardId, result.forAll ? (result.shared ?? result.card) : personal ? result.card : this.deps.latePrivateCard(), cases)));
    return { card: interim, forAll: false };
  }

  /** Resolves when every update started so far has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private update(reference: Partial<ConversationReference>, cardId: string, card: AdaptiveCard, cases: readonly CaseNames[]): Promise<void> {
    return this.deps.continueConversation(reference, async (context) => {
      guardOutgoingCards(context, this.deps.log, cases);
      await context.updateActivity({ ...cardMessage(card), id: cardId });
    });
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => {
      this.deps.log.warn({ err: logSafeError(error) }, 'card update failed');
    });
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }
}
