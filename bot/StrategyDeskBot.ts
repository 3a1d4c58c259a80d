import { logSafeError } from '../scheduling/logSafeError.js';
import { randomUUID } from 'node:crypto';
import { TeamsActivityHandler, TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue } from 'botbuilder';
import type { AdaptiveCard } from '../cards/AdaptiveCard.js';
import { agendaCard } from '../cards/agendaCard.js';
import { audienceOf, type Audience } from '../cards/Audience.js';
import { bookingCard } from '../cards/bookingCard.js';
import { bookingInProgressCard } from '../cards/bookingInProgressCard.js';
import { cancelledCard } from '../cards/cancelledCard.js';
import { errorCard } from '../cards/errorCard.js';
import { helpCard } from '../cards/helpCard.js';
import { myBookingsCard } from '../cards/myBookingsCard.js';
import { requestCard, requestCardValues, type RequestCardValues } from '../cards/requestCard.js';
import { urgentCard } from '../cards/urgentCard.js';
import { verbs } from '../cards/verbs.js';
import { welcomeCard } from '../cards/welcomeCard.js';
import type { Desk } from '../scheduling/openDesk.js';
import type { Actor, Booking } from '../scheduling/ports/Store.js';
import { londonDateOf, londonWallTimeOf } from '../scheduling/rules/londonTime.js';
import { DeskError, InvalidRequestError, NotFoundError } from '../scheduling/services/errors.js';
import type { RequestOutcome } from '../scheduling/services/RequestIntake.js';
import { cardAnswer, cardMessage, invokeError } from './cardAnswers.js';
import { commands, parseCommand } from './commands.js';
import { deskErrorCard } from './deskErrorCard.js';
import { InPlaceAnswers, type CardResult, type ContinueConversation } from './InPlaceAnswers.js';
import { actorOf, emailOf } from './teamsUser.js';

export interface StrategyDeskBotOptions {
  readonly continueConversation: ContinueConversation;
  /** How long a card action may take before Teams is answered with a "Booking..." card. */
  readonly slowAnswerMs: number;
}

type ActionData = Readonly<Record<string, unknown>>;
/** What a verb gives: a card (with whether everyone may see it), or a refusal. */
type Answer = CardResult | { readonly refused: 400 | 404; readonly message: string };

const isRecord = (value: unknown): value is ActionData => typeof value === 'object' && value !== null && !Array.isArray(value);
const idIn = (data: ActionData, name: string): string | undefined => {
  const value = data[name];
  return typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : undefined;
};

/**
 * The Teams conversation: turns commands and card actions into desk service calls and cards.
 * Holds no rule (they live in scheduling/) and no per-user state (one instance serves everyone).
 */
export class StrategyDeskBot extends TeamsActivityHandler {
  private readonly inPlace: InPlaceAnswers;
  /** Submissions under way by idempotency key: a double-click joins the first one. */
  private readonly submitting = new Map<string, Promise<RequestOutcome>>();

  constructor(
    private readonly desk: Desk,
    options: StrategyDeskBotOptions,
  ) {
    super();
    this.inPlace = new InPlaceAnswers({
      continueConversation: options.continueConversation,
      slowAnswerMs: options.slowAnswerMs,
      latePrivateCard: () => errorCard({ title: 'Please check your request', lines: ['Your request needs a correction before it can be sent.'], offerRequest: true }),
      log: desk.log,
    });
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botAdded) await context.sendActivity(cardMessage(welcomeCard({ commands })));
      await next();
    });
  }

  /** Remembers where every activity came from, so later features can message the manager. */
  override async run(context: TurnContext): Promise<void> {
    const { activity } = context;
    try {
      const reference = TurnContext.getConversationReference(activity);
      await this.desk.store.saveConversationReference(actorOf(context).id, activity.conversation.id, reference, this.desk.clock.now());
    } catch (error) {
      this.desk.log.warn({ activityId: activity.id, err: { name: (error as Error).name } }, 'could not save the conversation reference');
    }
    await super.run(context);
  }

  /** Resolves when card updates that outlived their turns are done (graceful shutdown). */
  idle(): Promise<void> {
    return this.inPlace.idle();
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const data = isRecord(invoke.action.data) ? invoke.action.data : {};
    const answer = await this.act(context, invoke.action.verb, data);
    if ('refused' in answer) return invokeError(answer.refused, answer.message);
    return cardAnswer(answer.card);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    // Clients without Universal Actions send the Action.Submit fallback: a message with the data.
    if (isRecord(activity.value) && typeof activity.value.verb === 'string') {
      const answer = await this.act(context, activity.value.verb, activity.value);
      await context.sendActivity('refused' in answer ? answer.message : cardMessage(answer.card));
      return;
    }
    const audience = audienceOf(activity.conversation.conversationType);
    const command = parseCommand(activity.text);
    switch (command.kind) {
      case 'book':
        return void (await context.sendActivity(cardMessage(this.freshRequestCard(context))));
      case 'myBookings':
        return void (await context.sendActivity(cardMessage(myBookingsCard({ bookings: await this.liveBookingsOf(actorOf(context)), audience }))));
      case 'cancel':
        return void (await context.sendActivity(cardMessage(await this.cancelByNNumber(context, command.nNumber, audience))));
      case 'help':
      case 'unknown':
        return void (await context.sendActivity(cardMessage(helpCard({ commands, notRecognised: command.kind === 'unknown' }))));
    }
  }

  private async act(context: TurnContext, verb: string, data: ActionData): Promise<Answer> {
    try {
      switch (verb) {
        case verbs.requestDiscussion:
          return await this.requestDiscussion(context, data);
        case verbs.openRequest:
          return { card: this.freshRequestCard(context), forAll: false };
        case verbs.cancelBooking:
          return await this.withBooking(data, (id) => this.cancelBooking(context, id));
        case verbs.longerSlot:
          return await this.withBooking(data, (id) => this.longerSlot(context, id));
        case verbs.showAgenda:
          return await this.withBooking(data, (id) => this.showAgenda(context, id));
        case verbs.policeMadeContact: {
          const requestId = idIn(data, 'requestId');
          return requestId ? await this.policeMadeContact(context, requestId) : { refused: 400, message: 'requestId is missing' };
        }
        default:
          return { refused: 400, message: 'unknown verb' };
      }
    } catch (error) {
      return { card: this.failureCard(context, error), forAll: false };
    }
  }

  private freshRequestCard(context: TurnContext): AdaptiveCard {
    const now = this.desk.clock.now();
    const values: RequestCardValues = {
      managerName: context.activity.from.name ?? '',
      referredDate: londonDateOf(now),
      referredTime: londonWallTimeOf(now).slice(0, 5),
    };
    return requestCard({ requestKey: randomUUID(), values });
  }

  private async requestDiscussion(context: TurnContext, data: ActionData): Promise<Answer> {
    const { activity } = context;
    // The key is made when the card is sent and rides in its action data, so a double-click or a
    // Teams retry of the same card maps to the same request; scoped by user, so nobody can
    // replay someone else's request by copying its key.
    const requestKey = idIn(data, 'requestKey') ?? (activity.replyToId ? `${activity.conversation.id}|${activity.replyToId}` : undefined);
    if (!requestKey) return { refused: 400, message: 'requestKey is missing' };
    const actor = actorOf(context);
    const values = requestCardValues(data);
    const audience = audienceOf(activity.conversation.conversationType);
    const email = await emailOf(context);
    const outcome = this.submitOnce(`${actor.id}:${requestKey}`, () => this.desk.intake.submit({ ...values, ...(email ? { managerEmail: email } : {}) }, actor, `${actor.id}:${requestKey}`));
    const work = outcome.then(
      (done): CardResult => ({ card: this.outcomeCard(done, audience), forAll: true }),
      (error: unknown): CardResult =>
        error instanceof InvalidRequestError
          ? { card: requestCard({ requestKey, values, errors: error.fields }), forAll: false }
          : { card: this.failureCard(context, error), forAll: false },
    );
    const interim = bookingInProgressCard({ nNumbers: values.nNumbers ? [values.nNumbers] : [] });
    return { card: await this.inPlace.answer(context, work, interim), forAll: false };
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
    if (outcome.route === 'rota') return bookingCard({ booking: outcome.booking, request: outcome.request, audience, slotMinutes: this.desk.config.rota.slotMinutes, policeEmail: outcome.policeEmail });
    return urgentCard({ ...outcome, contacts: this.desk.config.escalationContacts, audience });
  }

  private async withBooking(data: ActionData, act: (bookingId: string) => Promise<Answer>): Promise<Answer> {
    const bookingId = idIn(data, 'bookingId');
    return bookingId ? act(bookingId) : { refused: 400, message: 'bookingId is missing' };
  }

  private async cancelBooking(context: TurnContext, bookingId: string): Promise<Answer> {
    const audience = audienceOf(context.activity.conversation.conversationType);
    const cancelled = await this.desk.booking.cancel(bookingId, actorOf(context), 'Cancelled by the manager in Teams');
    return { card: cancelledCard({ booking: cancelled, request: await this.requestOf(cancelled), audience }), forAll: true };
  }

  private async longerSlot(context: TurnContext, bookingId: string): Promise<Answer> {
    const audience = audienceOf(context.activity.conversation.conversationType);
    const old = await this.desk.store.getBooking(bookingId);
    if (!old) throw new NotFoundError('booking', bookingId);
    const request = await this.requestOf(old);
    const work = this.desk.booking.rebook(bookingId, actorOf(context), { longer: true }).then(
      (moved): CardResult => ({ card: bookingCard({ booking: moved, request, audience, slotMinutes: this.desk.config.rota.slotMinutes, title: 'Moved to a longer slot' }), forAll: true }),
      (error: unknown): CardResult => ({ card: this.failureCard(context, error), forAll: false }),
    );
    return { card: await this.inPlace.answer(context, work, bookingInProgressCard(request)), forAll: false };
  }

  private async showAgenda(context: TurnContext, bookingId: string): Promise<Answer> {
    const audience = audienceOf(context.activity.conversation.conversationType);
    const booking = await this.desk.store.getBooking(bookingId);
    if (!booking) throw new NotFoundError('booking', bookingId);
    const request = await this.requestOf(booking);
    await context.sendActivity(cardMessage(agendaCard({ booking, request })));
    const card = booking.status === 'cancelled' ? cancelledCard({ booking, request, audience }) : bookingCard({ booking, request, audience, slotMinutes: this.desk.config.rota.slotMinutes });
    return { card, forAll: false };
  }

  private async policeMadeContact(context: TurnContext, requestId: string): Promise<Answer> {
    const { request, sentAt, policeContactDue } = await this.desk.urgent.recordPoliceContact(requestId, actorOf(context));
    const audience = audienceOf(context.activity.conversation.conversationType);
    const card = urgentCard({ request, sentAt, policeContactDue, contacts: this.desk.config.escalationContacts, audience });
    return { card, forAll: true };
  }

  private async cancelByNNumber(context: TurnContext, nNumber: string | undefined, audience: Audience): Promise<AdaptiveCard> {
    if (!nNumber) return errorCard({ title: 'Which case?', lines: ['Type cancel followed by the N number, for example: cancel N146782'] });
    const actor = actorOf(context);
    const live = await this.liveBookingsOf(actor, nNumber);
    if (live.length === 0) return errorCard({ title: 'Nothing to cancel', lines: [`You have no strategy discussion booked from now on for ${nNumber}.`, 'Type my bookings to see what you have booked.'] });
    // Several bookings for one case: let the manager pick the one to cancel.
    if (live.length > 1) return myBookingsCard({ bookings: live, audience });
    try {
      const cancelled = await this.desk.booking.cancel(live[0]!.booking.id, actor, 'Cancelled by the manager in Teams');
      return cancelledCard({ booking: cancelled, request: live[0]!.request, audience });
    } catch (error) {
      return this.failureCard(context, error);
    }
  }

  private liveBookingsOf(actor: Actor, nNumber?: string) {
    return this.desk.store.listBookings({ requestedBy: actor.id, statuses: ['reserved', 'booked'], from: this.desk.clock.now(), ...(nNumber ? { nNumber } : {}) });
  }

  private async requestOf(booking: Booking) {
    const request = await this.desk.store.getRequest(booking.requestId);
    if (!request) throw new NotFoundError('request', booking.requestId);
    return request;
  }

  private failureCard(context: TurnContext, error: unknown): AdaptiveCard {
    const reference = context.activity.id ?? randomUUID();
    const level = error instanceof DeskError ? 'warn' : 'error';
    this.desk.log[level]({ reference, err: logSafeError(error) }, 'card action failed');
    return deskErrorCard(error, reference);
  }
}
