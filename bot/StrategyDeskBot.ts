import { logSafeError } from '../scheduling/logSafeError.js';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ActionTypes, TeamsActivityHandler, TurnContext, type Activity, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue } from 'botbuilder';
import type { AdaptiveCard } from '../cards/AdaptiveCard.js';
import { agendaCard } from '../cards/agendaCard.js';
import { audienceFor, audienceOf, type Audience } from '../cards/Audience.js';
import { bookingCard } from '../cards/bookingCard.js';
import { bookingInProgressCard } from '../cards/bookingInProgressCard.js';
import { cancelledCard } from '../cards/cancelledCard.js';
import { errorCard } from '../cards/errorCard.js';
import { helpCard } from '../cards/helpCard.js';
import { myBookingsCard } from '../cards/myBookingsCard.js';
import { myDeadlinesCard } from '../cards/myDeadlinesCard.js';
import { requestCard, requestCardValues, type RequestCardValues } from '../cards/requestCard.js';
import { urgentCard } from '../cards/urgentCard.js';
import { verbs } from '../cards/verbs.js';
import { welcomeCard } from '../cards/welcomeCard.js';
import { confirmUrgentField, urgentConfirmCard } from '../cards/urgentConfirmCard.js';
import type { CaseView, Desk } from '../scheduling/Desk.js';
import type { Actor } from '../scheduling/model/Actor.js';
import type { PostedCard } from '../scheduling/model/CardPosting.js';
import type { StoredRequest } from '../scheduling/model/DiscussionRequest.js';
import { londonDateOf, londonWallTimeOf } from '../scheduling/rules/londonTime.js';
import { DeskError, InvalidRequestError, NotFoundError } from '../scheduling/services/errors.js';
import { InvalidPlanChangeError, type PlanResult } from '../scheduling/DiscussionDesk.js';
import type { TeamsSource } from '../scheduling/services/CaseAccess.js';
import type { RequestOutcome } from '../scheduling/services/RequestIntake.js';
import { cardAnswer, cardMessage, invokeError } from './cardAnswers.js';
import { commands, parseCommand } from './commands.js';
import { deskErrorCard } from './deskErrorCard.js';
import { KeptReferences } from './KeptReferences.js';
import { caseNamesOf, casesOf, guardOutgoingCards, type CaseNames } from './guardOutgoingCards.js';
import { InPlaceAnswers, type CardResult, type ContinueConversation } from './InPlaceAnswers.js';
import { isPlanVerb, PlanActions, type PlanTurn } from './planActions.js';
import { actorOf, emailOf, sourceOf } from './teamsUser.js';
import { caseOwnCard } from './standingCard.js';

export interface StrategyDeskBotOptions {
  readonly continueConversation: ContinueConversation;
  /** How long a card action may take before Teams is answered with a "Booking..." card. */
  readonly slowAnswerMs: number;
  /** Ids only, never a child's name (logSafeError for errors). */
  readonly log: Logger;
}

type ActionData = Readonly<Record<string, unknown>>;
/** What a verb gives: a card (with whether everyone may see it), or a refusal. */
type Answer = CardResult | { readonly refused: 400 | 404; readonly message: string };

/**
 * Who the bot answers in a turn, captured at its start: card work can outlive the turn, and a
 * turn's context cannot be used once it has ended.
 */
interface Turn {
  readonly actor: Actor;
  readonly source: TeamsSource;
  /** The clicked card of an invoke: the answer replaces it, so it stands for the case. */
  readonly clickedCard: string | undefined;
  /** For the log and the error card. */
  readonly reference: string;
  /** The cases the turn's cards are checked against (`guardOutgoingCards`). */
  readonly cases: CaseNames[];
}

/** Whether the turn is in a group chat or channel (where the bot hears only @mentions). */
const isShared = (context: TurnContext) => (context.activity.conversation.conversationType ?? 'personal') !== 'personal';

/**
 * The answer to text that is not a command: one line, never the whole help card, and the commands
 * as suggestion buttons in a personal chat (Teams shows suggested actions only there; a shared
 * conversation is told to @mention the bot).
 */
function notUnderstood(shared: boolean, userId: string): Partial<Activity> {
  if (shared) return { type: 'message', text: 'I did not catch that. @mention me with one of: book, my bookings, my deadlines, help.' };
  const suggestions = ['book', 'my bookings', 'my deadlines', 'help'];
  return {
    type: 'message',
    text: 'I did not catch that. Try one of these:',
    suggestedActions: { to: [userId], actions: suggestions.map((title) => ({ type: ActionTypes.ImBack, title, value: title })) },
  };
}

const isRecord = (value: unknown): value is ActionData => typeof value === 'object' && value !== null && !Array.isArray(value);
const idIn = (data: ActionData, name: string): string | undefined => {
  const value = data[name];
  return typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : undefined;
};

/** An escalation level in action data: a whole number 1-99, as a number or its digits. */
const levelIn = (data: ActionData): number | undefined => {
  const value = data.level;
  const level = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,2}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(level) && level >= 1 && level <= 99 ? level : undefined;
};

/**
 * The Teams conversation: turns commands and card actions into calls on the desk (the one front
 * door, scheduling/Desk.ts) and its answers into cards.
 * Holds no rule (they live in scheduling/) and no per-user state (one instance serves everyone)
 * beyond a cache of the conversation references it stored.
 * Every card it sends, updates or answers with passes one surname check (`guardOutgoingCards`).
 */
export class StrategyDeskBot extends TeamsActivityHandler {
  private readonly inPlace: InPlaceAnswers;
  private readonly plans: PlanActions;
  private readonly log: Logger;
  /** The conversation references this process stored: an unchanged one is not written again. */
  private readonly references = new KeptReferences();
  /** Submissions under way by idempotency key: a double-click joins the first one. */
  private readonly submitting = new Map<string, Promise<RequestOutcome>>();

  constructor(
    private readonly desk: Desk,
    options: StrategyDeskBotOptions,
  ) {
    super();
    this.log = options.log;
    this.inPlace = new InPlaceAnswers({
      continueConversation: options.continueConversation,
      slowAnswerMs: options.slowAnswerMs,
      latePrivateCard: () => errorCard({ title: 'Please check your request', lines: ['Your request needs a correction before it can be sent.'], offerRequest: true }),
      log: options.log,
    });
    this.plans = new PlanActions({ desk, inPlace: this.inPlace });
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botAdded) await context.sendActivity(cardMessage(welcomeCard({ commands, shared: isShared(context), botName: context.activity.recipient?.name })));
      await next();
    });
  }

  /**
   * Puts every outgoing card of the turn through the surname check, and remembers where every
   * activity came from, so later features can message the manager: written when it is new or
   * changed (another service URL, a renamed person), not on every turn.
   */
  override async run(context: TurnContext): Promise<void> {
    guardOutgoingCards(context, this.log);
    const { activity } = context;
    try {
      const reference = TurnContext.getConversationReference(activity);
      const userId = actorOf(context).id;
      if (this.references.changed(userId, activity.conversation.id, reference)) {
        await this.desk.rememberConversation(userId, activity.conversation.id, reference);
        this.references.saved(userId, activity.conversation.id, reference);
      }
    } catch (error) {
      this.log.warn({ activityId: activity.id, err: { name: (error as Error).name } }, 'could not save the conversation reference');
    }
    await super.run(context);
  }

  /** Resolves when card updates that outlived their turns are done (graceful shutdown). */
  idle(): Promise<void> {
    return this.inPlace.idle();
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const data = isRecord(invoke.action.data) ? invoke.action.data : {};
    const answer = await this.act(context, this.turnOf(context), invoke.action.verb, data);
    if ('refused' in answer) return invokeError(answer.refused, answer.message);
    return cardAnswer(answer.card);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    // Clients without Universal Actions send the Action.Submit fallback: a message with the data.
    if (isRecord(activity.value) && typeof activity.value.verb === 'string') {
      const turn = this.turnOf(context);
      const answer = await this.act(context, turn, activity.value.verb, activity.value);
      if ('refused' in answer) return void (await context.sendActivity(answer.message));
      // A result for everyone is posted as everyone may see it (the plan: redacted, refreshed for each participant).
      const posted = await context.sendActivity(cardMessage(answer.shared ?? answer.card));
      // The fallback answers with a new message: that one now stands for the case here.
      if (answer.about) await this.cardPosted(turn, answer.about, posted?.id);
      return;
    }
    const turn = this.turnOf(context);
    const command = parseCommand(activity.text);
    switch (command.kind) {
      case 'book':
        return void (await context.sendActivity(cardMessage(this.freshRequestCard(context))));
      case 'myBookings':
        return void (await context.sendActivity(cardMessage(await this.myBookings(turn))));
      case 'myDeadlines':
        return void (await context.sendActivity(cardMessage(await this.myDeadlines(turn))));
      case 'cancel': {
        const answer = await this.cancelByNNumber(turn, command.nNumber);
        const posted = await context.sendActivity(cardMessage(answer.card));
        if (answer.about) await this.cardPosted(turn, answer.about, posted?.id);
        return;
      }
      case 'agenda':
        return this.postAgenda(context, turn, command.nNumber);
      case 'help':
        return void (await context.sendActivity(cardMessage(helpCard({ commands, notRecognised: false, shared: isShared(context), botName: context.activity.recipient?.name }))));
      case 'unknown':
        return void (await context.sendActivity(notUnderstood(isShared(context), activity.from.id)));
    }
  }

  private async act(context: TurnContext, turn: Turn, verb: string, data: ActionData): Promise<Answer> {
    try {
      if (isPlanVerb(verb)) return await this.plans.act(context, await this.planTurn(context, turn), verb, data);
      switch (verb) {
        case verbs.requestDiscussion:
          return await this.requestDiscussion(context, turn, data);
        case verbs.openRequest:
          return { card: this.freshRequestCard(context), forAll: false };
        case verbs.editRequest: {
          // Back from the urgent summary: the form again with everything typed (the same key).
          const requestKey = idIn(data, 'requestKey');
          if (!requestKey) return { refused: 400, message: 'requestKey is missing' };
          return { card: requestCard({ requestKey, values: requestCardValues(data), audience: audienceOf(context.activity.conversation.conversationType) }), forAll: false };
        }
        case verbs.cancelBooking:
          return await this.withBooking(data, (id) => this.askToCancel(turn, id));
        case verbs.confirmCancel:
          return await this.withBooking(data, (id) => this.cancelBooking(turn, id));
        case verbs.showBooking:
          return await this.withBooking(data, (id) => this.showBooking(turn, id));
        case verbs.longerSlot:
          return await this.withBooking(data, (id) => this.longerSlot(context, turn, id));
        case verbs.showAgenda:
          return await this.withBooking(data, (id) => this.showAgenda(context, turn, id));
        case verbs.bookNextSlot:
          return await this.withBooking(data, (id) => this.bookNextSlot(context, turn, id));
        case verbs.keepSlot:
          return await this.withBooking(data, (id) => this.keepSlot(turn, id));
        case verbs.policeMadeContact: {
          const requestId = idIn(data, 'requestId');
          return requestId ? await this.policeMadeContact(turn, requestId) : { refused: 400, message: 'requestId is missing' };
        }
        case verbs.undoPoliceContact: {
          const requestId = idIn(data, 'requestId');
          return requestId ? await this.undoPoliceContact(turn, requestId) : { refused: 400, message: 'requestId is missing' };
        }
        case verbs.recordDiscussion: {
          const requestId = idIn(data, 'requestId');
          return requestId ? await this.recordDiscussion(context, turn, requestId, data) : { refused: 400, message: 'requestId is missing' };
        }
        case verbs.urgentNotReached: {
          const requestId = idIn(data, 'requestId');
          const level = levelIn(data);
          if (!requestId) return { refused: 400, message: 'requestId is missing' };
          return level ? await this.couldNotReach(turn, requestId, level) : { refused: 400, message: 'level is missing' };
        }
        default:
          return { refused: 400, message: 'unknown verb' };
      }
    } catch (error) {
      return { card: this.failureCard(turn, error), forAll: false };
    }
  }

  private turnOf(context: TurnContext): Turn {
    const { activity } = context;
    return {
      actor: actorOf(context),
      source: sourceOf(context),
      clickedCard: activity.type === 'invoke' ? activity.replyToId : undefined,
      reference: activity.id ?? randomUUID(),
      cases: casesOf(context),
    };
  }

  /** The turn for a plan verb: with the person's email from their Teams profile (invitees are known by email only). */
  private async planTurn(context: TurnContext, turn: Turn): Promise<PlanTurn> {
    const email = await emailOf(context);
    const actor = email ? { ...turn.actor, email } : turn.actor;
    return { actor, source: turn.source, teamsUserId: context.activity.from.id, cases: turn.cases, failureCard: (error) => this.failureCard(turn, error) };
  }

  /**
   * `agenda N146782`: posts the agenda and the case's action plan (opened if it has none yet) in
   * the conversation it is typed in, and records the plan card's posting, so the members of a
   * shared conversation become participants of the discussion. The desk decides who may.
   */
  private async postAgenda(context: TurnContext, turn: Turn, nNumber: string | undefined): Promise<void> {
    if (!nNumber) return void (await context.sendActivity(cardMessage(errorCard({ title: 'Which case?', lines: ['Type agenda followed by the N number, for example: agenda N146782'] }))));
    try {
      let result: PlanResult;
      try {
        result = await this.desk.openPlanOfCase(nNumber, (await this.planTurn(context, turn)).actor, turn.source);
      } catch (error) {
        if (!(error instanceof NotFoundError && error.what === 'discussion')) throw error;
        const lines = [`There is no strategy discussion for ${nNumber} that you can open here.`, 'Type my bookings to see your own strategy discussions.'];
        return void (await context.sendActivity(cardMessage(errorCard({ title: 'No discussion found', lines }))));
      }
      await this.postPlan(context, turn, result);
    } catch (error) {
      await context.sendActivity(cardMessage(this.failureCard(turn, error)));
    }
  }

  /** Posts the agenda and the plan card of `result` in the turn's conversation, and records both postings. */
  private async postPlan(context: TurnContext, turn: Turn, result: PlanResult): Promise<void> {
    const { shared } = result;
    const agenda = await context.sendActivity(cardMessage(agendaCard({ meeting: shared.meeting, request: shared })));
    await this.cardPosted(turn, shared.requestId, agenda?.id, 'agenda');
    const plan = await context.sendActivity(cardMessage(this.plans.postedCard(await this.planTurn(context, turn), result)));
    await this.cardPosted(turn, shared.requestId, plan?.id, 'plan');
  }

  /** The urgent card's Record the discussion: a plan opened with the date and time typed in, posted here with the agenda. */
  private async recordDiscussion(context: TurnContext, turn: Turn, requestId: string, data: ActionData): Promise<Answer> {
    const text = (name: string) => (typeof data[name] === 'string' ? (data[name] as string).trim() : '');
    const typed = { meetingDate: text('meetingDate'), meetingTime: text('meetingTime') };
    const urgent = await this.desk.urgentCase(requestId, turn.actor, turn.source);
    this.concerns(turn, urgent.request);
    const audience = this.audience(turn, urgent.request);
    try {
      const result = await this.desk.openPlan(requestId, turn.actor, turn.source, typed);
      await this.postPlan(context, turn, result);
      return { card: urgentCard({ ...urgent, contacts: this.desk.settings.escalationContacts, audience, record: { ...typed, posted: true } }), forAll: false };
    } catch (error) {
      if (!(error instanceof InvalidPlanChangeError)) throw error;
      const problem = Object.entries(error.fields).map(([field, message]) => `${field}: ${message}`).join(' ');
      return { card: urgentCard({ ...urgent, contacts: this.desk.settings.escalationContacts, audience, record: { ...typed, error: problem } }), forAll: false };
    }
  }

  /** How the turn's viewer may see a request's cards: with its surnames only if they asked for it, in their personal chat. */
  private audience(turn: Turn, request: Pick<StoredRequest, 'requestedBy'>): Audience {
    return audienceFor(turn.source.conversationType, turn.actor.id, request.requestedBy.id);
  }

  /** A saved request the turn's cards are about: they are checked against its surnames. */
  private concerns(turn: Turn, ...requests: StoredRequest[]): void {
    turn.cases.push(...requests.map(caseNamesOf));
  }

  /**
   * Records that a card about the request (`card`: its own card or its agenda) stands at
   * `activityId` in the turn's conversation, personal chat or shared: the members of a group chat
   * or channel may then act on it, and the card is updated when the case changes. A failure only
   * costs them that.
   */
  private async cardPosted(turn: Turn, requestId: string, activityId: string | undefined, card: PostedCard = 'case'): Promise<void> {
    if (!activityId) return;
    try {
      await this.desk.recordCardPosted(requestId, turn.actor, turn.source, activityId, card);
    } catch (error) {
      this.log.warn({ reference: turn.reference, requestId, err: logSafeError(error) }, 'could not record where a card was posted');
    }
  }

  private freshRequestCard(context: TurnContext): AdaptiveCard {
    const now = this.desk.now();
    const values: RequestCardValues = {
      managerName: context.activity.from.name ?? '',
      referredDate: londonDateOf(now),
      referredTime: londonWallTimeOf(now).slice(0, 5),
    };
    return requestCard({ requestKey: randomUUID(), values, audience: audienceOf(context.activity.conversation.conversationType) });
  }

  private async requestDiscussion(context: TurnContext, turn: Turn, data: ActionData): Promise<Answer> {
    const { activity } = context;
    const { actor } = turn;
    // The key is made when the card is sent and rides in its action data, so a double-click or a
    // Teams retry of the same card maps to the same request; scoped by user, so nobody can
    // replay someone else's request by copying its key.
    const requestKey = idIn(data, 'requestKey') ?? (activity.replyToId ? `${activity.conversation.id}|${activity.replyToId}` : undefined);
    if (!requestKey) return { refused: 400, message: 'requestKey is missing' };
    const values = requestCardValues(data);
    // What was typed is checked too: it is the requester's case, even before it is saved.
    turn.cases.push({ childSurnames: values.childSurnames ?? '', requestedBy: actor.id });
    const typedAudience = audienceFor(turn.source.conversationType, actor.id, actor.id);
    const email = await emailOf(context);
    // An urgent request emails the police at once: a summary first, and it goes on Send.
    if ((values.urgent ?? '').trim() !== '' && data[confirmUrgentField] !== 'send') {
      try {
        const checked = await this.desk.checkRequest({ ...values, ...(email ? { managerEmail: email } : {}) }, `${actor.id}:${requestKey}`);
        if (checked !== 'submitted') return { card: urgentConfirmCard({ requestKey, values, request: checked, audience: typedAudience }), forAll: false };
      } catch (error) {
        if (error instanceof InvalidRequestError) return { card: requestCard({ requestKey, values, errors: error.fields, audience: typedAudience }), forAll: false };
        return { card: this.failureCard(turn, error), forAll: false };
      }
    }
    const outcome = this.submitOnce(`${actor.id}:${requestKey}`, () => this.desk.submitRequest({ ...values, ...(email ? { managerEmail: email } : {}) }, actor, `${actor.id}:${requestKey}`));
    const work = outcome.then(
      async (done): Promise<CardResult> => {
        this.concerns(turn, done.request);
        await this.cardPosted(turn, done.request.id, turn.clickedCard);
        return { card: this.outcomeCard(done, this.audience(turn, done.request)), forAll: true, about: done.request.id };
      },
      (error: unknown): CardResult =>
        error instanceof InvalidRequestError
          ? { card: requestCard({ requestKey, values, errors: error.fields, audience: typedAudience }), forAll: false }
          : { card: this.failureCard(turn, error), forAll: false },
    );
    const interim = bookingInProgressCard({ nNumbers: values.nNumbers ? [values.nNumbers] : [] });
    return this.inPlace.answer(context, work, interim);
  }

  private submitOnce(key: string, submit: () => Promise<RequestOutcome>): Promise<RequestOutcome> {
    const running = this.submitting.get(key);
    if (running) return running;
    const started = submit();
    this.submitting.set(key, started);
    void started.then(
      () => this.submitting.delete(key),
      () => this.submitting.delete(key),
    );
    return started;
  }

  private outcomeCard(outcome: RequestOutcome, audience: Audience): AdaptiveCard {
    // A retried card whose booking was cancelled since: it shows the cancel and offers a new request.
    if (outcome.route === 'rota' && outcome.booking.status === 'cancelled') return cancelledCard({ booking: outcome.booking, request: outcome.request, audience });
    if (outcome.route === 'rota') return bookingCard({ booking: outcome.booking, request: outcome.request, audience, ...this.bookingSettings(), policeEmail: outcome.policeEmail });
    return urgentCard({ ...outcome, contacts: this.desk.settings.escalationContacts, audience });
  }

  /** What every booking card shows from the desk's settings: the slot length, who is invited, how to join. */
  private bookingSettings(): { slotMinutes: number; policeAddress: string; joinDetails: string } {
    const { slotMinutes, policeReferralAddress, joinDetails } = this.desk.settings;
    return { slotMinutes, policeAddress: policeReferralAddress, joinDetails };
  }

  private async withBooking(data: ActionData, act: (bookingId: string) => Promise<Answer>): Promise<Answer> {
    const bookingId = idIn(data, 'bookingId');
    return bookingId ? act(bookingId) : { refused: 400, message: 'bookingId is missing' };
  }

  /**
   * Cancel...: asks first (only the person who pressed it sees the question); nothing changes
   * until they press Yes, cancel it. Someone who may not cancel is refused here already.
   */
  private async askToCancel(turn: Turn, bookingId: string): Promise<Answer> {
    const view = await this.desk.caseDetails(bookingId, turn.actor, turn.source, 'booking.cancel');
    this.concerns(turn, view.request);
    return { card: this.caseCard(turn, view, { confirmCancel: true }), forAll: false };
  }

  /** The case's own card from the desk's view of it, for this conversation's audience (`caseOwnCard`). */
  private caseCard(turn: Turn, view: CaseView, extra: { confirmCancel?: boolean } = {}): AdaptiveCard {
    return caseOwnCard(view, this.audience(turn, view.request), this.desk.settings, extra);
  }

  /** No, keep it (or any other way back to the case's card): the case's own card as it is now. */
  private async showBooking(turn: Turn, bookingId: string): Promise<Answer> {
    const view = await this.desk.caseDetails(bookingId, turn.actor, turn.source);
    this.concerns(turn, view.request);
    return { card: this.caseCard(turn, view), forAll: false, about: view.request.id };
  }

  private async cancelBooking(turn: Turn, bookingId: string): Promise<Answer> {
    const { booking: cancelled, request } = await this.desk.cancelBooking(bookingId, turn.actor, turn.source, 'Cancelled by the manager in Teams');
    this.concerns(turn, request);
    await this.cardPosted(turn, request.id, turn.clickedCard);
    return { card: cancelledCard({ booking: cancelled, request, audience: this.audience(turn, request) }), forAll: true, about: request.id };
  }

  private async longerSlot(context: TurnContext, turn: Turn, bookingId: string): Promise<Answer> {
    const { booking: before, request } = await this.desk.caseDetails(bookingId, turn.actor, turn.source, 'booking.rebook');
    this.concerns(turn, request);
    const work = this.desk.moveToLongerSlot(bookingId, turn.actor, turn.source).then(
      async ({ booking: moved }): Promise<CardResult> => {
        await this.cardPosted(turn, request.id, turn.clickedCard);
        // Said as it is (movedTitle): a booking that grew in place was extended, one that had to move was moved.
        const card = bookingCard({ booking: moved, request, audience: this.audience(turn, request), ...this.bookingSettings(), replaced: before });
        return { card, forAll: true, about: request.id };
      },
      (error: unknown): CardResult => ({ card: this.failureCard(turn, error), forAll: false }),
    );
    return this.inPlace.answer(context, work, bookingInProgressCard(request));
  }

  /** The police declined: the booking moves to the next free slot after it (slow: answered in place). */
  private async bookNextSlot(context: TurnContext, turn: Turn, bookingId: string): Promise<Answer> {
    const { booking: before, request } = await this.desk.caseDetails(bookingId, turn.actor, turn.source, 'booking.rebook');
    this.concerns(turn, request);
    const work = this.desk.bookNextSlot(bookingId, turn.actor, turn.source).then(
      async ({ booking: moved, policeEmail }): Promise<CardResult> => {
        await this.cardPosted(turn, request.id, turn.clickedCard);
        const card = bookingCard({ booking: moved, request, audience: this.audience(turn, request), ...this.bookingSettings(), replaced: before, policeEmail });
        return { card, forAll: true, about: request.id };
      },
      (error: unknown): CardResult => ({ card: this.failureCard(turn, error), forAll: false }),
    );
    return this.inPlace.answer(context, work, bookingInProgressCard(request));
  }

  /** The police declined and the manager keeps the slot: the desk stops asking. */
  private async keepSlot(turn: Turn, bookingId: string): Promise<Answer> {
    const { booking, request, replies } = await this.desk.keepSlot(bookingId, turn.actor, turn.source);
    this.concerns(turn, request);
    await this.cardPosted(turn, request.id, turn.clickedCard);
    const card = bookingCard({ booking, request, audience: this.audience(turn, request), ...this.bookingSettings(), title: 'Slot kept', ...(replies ? { replies } : {}) });
    return { card, forAll: true, about: request.id };
  }

  private async showAgenda(context: TurnContext, turn: Turn, bookingId: string): Promise<Answer> {
    const view = await this.desk.caseDetails(bookingId, turn.actor, turn.source);
    const { booking, request } = view;
    this.concerns(turn, request);
    const agenda = await context.sendActivity(cardMessage(agendaCard({ booking, request })));
    await this.cardPosted(turn, request.id, agenda?.id, 'agenda');
    // The case's own card again: where it is posted anew (the Action.Submit fallback), it is recorded too.
    return { card: this.caseCard(turn, view), forAll: false, about: request.id };
  }

  private async policeMadeContact(turn: Turn, requestId: string): Promise<Answer> {
    return this.urgentAnswer(turn, await this.desk.recordPoliceContact(requestId, turn.actor, turn.source));
  }

  private async undoPoliceContact(turn: Turn, requestId: string): Promise<Answer> {
    return this.urgentAnswer(turn, await this.desk.undoPoliceContact(requestId, turn.actor, turn.source));
  }

  private async couldNotReach(turn: Turn, requestId: string, level: number): Promise<Answer> {
    return this.urgentAnswer(turn, await this.desk.recordCouldNotReach(requestId, level, turn.actor, turn.source));
  }

  /** The urgent card as the desk's change left it, for everyone who holds it (the pressed card recorded). */
  private async urgentAnswer(turn: Turn, outcome: Awaited<ReturnType<Desk['recordPoliceContact']>>): Promise<Answer> {
    const { request } = outcome;
    this.concerns(turn, request);
    await this.cardPosted(turn, request.id, turn.clickedCard);
    const card = urgentCard({ ...outcome, contacts: this.desk.settings.escalationContacts, audience: this.audience(turn, request) });
    return { card, forAll: true, about: request.id };
  }

  /** The turn's user's live bookings that may be listed in this conversation. */
  private async myBookings(turn: Turn): Promise<AdaptiveCard> {
    const listed = await this.desk.bookingsOf(turn.actor, turn.source);
    this.concerns(turn, ...listed.map((l) => l.request));
    return myBookingsCard({ bookings: listed, audience: this.audience(turn, { requestedBy: turn.actor }) });
  }

  /** What is due and overdue for the turn's user, of the cases that may be listed in this conversation (by N number only). */
  private async myDeadlines(turn: Turn): Promise<AdaptiveCard> {
    const deadlines = await this.desk.deadlinesOf(turn.actor, turn.source);
    return myDeadlinesCard({ deadlines, now: this.desk.now() });
  }

  /** `cancel N146782`: asks to cancel the turn's user's one live booking for the case that may be listed here. */
  private async cancelByNNumber(turn: Turn, nNumber: string | undefined): Promise<{ card: AdaptiveCard; about?: string }> {
    if (!nNumber) return { card: errorCard({ title: 'Which case?', lines: ['Type cancel followed by the N number, for example: cancel N146782'] }) };
    const live = await this.desk.bookingsOf(turn.actor, turn.source, nNumber);
    this.concerns(turn, ...live.map((l) => l.request));
    if (live.length === 0) {
      const lines = [`You have no strategy discussion booked from now on for ${nNumber} that can be cancelled here.`, 'Type my bookings to see what you have booked.'];
      return { card: errorCard({ title: 'Nothing to cancel', lines }) };
    }
    const audience = this.audience(turn, { requestedBy: turn.actor });
    // Several bookings for one case: let the manager pick the one to cancel.
    if (live.length > 1) return { card: myBookingsCard({ bookings: live, audience }) };
    const [{ booking }] = live as [(typeof live)[number]];
    // Typing cancel asks too: the case's own card asks "Cancel this strategy discussion?" and cancels on Yes.
    const view = await this.desk.caseDetails(booking.id, turn.actor, turn.source, 'booking.cancel');
    return { card: this.caseCard(turn, view, { confirmCancel: true }), about: view.request.id };
  }

  private failureCard(turn: Turn, error: unknown): AdaptiveCard {
    const level = error instanceof DeskError ? 'warn' : 'error';
    this.log[level]({ reference: turn.reference, err: logSafeError(error) }, 'card action failed');
    return deskErrorCard(error, turn.reference);
  }
}
