import { randomUUID } from 'node:crypto';
import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { audienceFor } from '../cards/Audience.js';
import { errorCard } from '../cards/errorCard.js';
import { surnamesOnCard } from '../cards/surnamesOnCard.js';
import { cardAnswer } from './cardAnswers.js';
import { actorOf } from './teamsUser.js';

/** A case the cards of a turn may be about: its children's surnames, and whose eyes may see them. */
export interface CaseNames {
  /** As typed on the request (saved, or only typed on a card). */
  readonly childSurnames: string;
  /** The requester's id (`Actor.id`): the one person who may see the surnames, in their personal chat. */
  readonly requestedBy: string;
  /** For the log when a card is withheld; absent for values typed on a card not saved yet. */
  readonly requestId?: string;
  /**
   * People the desk found to be participants of the case's discussion (the action plan): an invoke
   * answer to one of them (their own view of the plan: the refresh) or a card in their personal
   * chat may name the children. Anything posted or updated in a shared conversation is still checked.
   */
  readonly participants?: readonly string[];
}

/**
 * The case names a saved request's cards are checked against.
 * @example
 * caseNamesOf(request) //=> { childSurnames: 'Bond', requestedBy: 'aad-alex', requestId: 'req-1' }
 */
export function caseNamesOf(request: { readonly id: string; readonly childSurnames: string; readonly requestedBy: { readonly id: string } }): CaseNames {
  return { childSurnames: request.childSurnames, requestedBy: request.requestedBy.id, requestId: request.id };
}

/** Who sees what an activity carries. */
export interface CardViewer {
  /** Teams' `conversationType` of the conversation it goes to. */
  readonly conversationType: string | undefined;
  /** The person the bot is talking to (`Actor.id`). */
  readonly viewerId: string;
  /** The content is an invoke answer, seen by that person alone. */
  readonly ownAnswer?: boolean;
}

/**
 * The cases whose children's surnames `content` (a card, an activity's text and attachments, an
 * invoke answer) shows where they may not be shown: anywhere but the requester's own personal
 * chat. Empty when it may go out.
 * Rule: DOMAIN.md "Privacy and safety rules of the domain"; cards/Audience.ts `audienceFor`.
 * @example
 * casesNamedOutOfPlace({ text: 'Bond children' }, { conversationType: 'groupChat', viewerId: 'aad-a' }, [{ childSurnames: 'Bond', requestedBy: 'aad-a' }])
 * //=> [{ childSurnames: 'Bond', requestedBy: 'aad-a' }]
 */
export function casesNamedOutOfPlace(content: unknown, viewer: CardViewer, cases: readonly CaseNames[]): CaseNames[] {
  return cases.filter(
    (c) =>
      audienceFor(viewer.conversationType, viewer.viewerId, c.requestedBy) === 'shared' &&
      !((viewer.ownAnswer || viewer.conversationType === 'personal') && c.participants?.includes(viewer.viewerId)) &&
      surnamesOnCard(content, c.childSurnames).length > 0,
  );
}

const CASES = Symbol('the cases a turn concerns');

/** The cases a turn concerns, gathered as the bot meets them (a list that outlives the turn, for late card updates). */
export function casesOf(context: TurnContext): CaseNames[] {
  let cases = context.turnState.get(CASES) as CaseNames[] | undefined;
  if (!cases) {
    cases = [];
    context.turnState.set(CASES, cases);
  }
  return cases;
}

/** What of an outgoing activity people see (not its addressing: `recipient.name` is a person's). */
function contentOf(activity: Partial<Activity>): unknown {
  const { text, speak, summary, attachments, suggestedActions, value } = activity;
  return { text, speak, summary, attachments, suggestedActions, value };
}

function withheldCard(reference: string) {
  return errorCard({
    title: 'Not shown here',
    lines: [
      "This card would have named a child, and children's names are shown only in the requester's personal chat with Strategy Desk.",
      `If you expected something else, give your administrator this reference: ${reference}`,
    ],
  });
}

/** Replaces, in place, what an activity shows with the generic card (an invoke answer stays an invoke answer). */
function withhold(activity: Partial<Activity>, reference: string): void {
  const card = withheldCard(reference);
  for (const key of ['text', 'speak', 'summary', 'suggestedActions', 'attachments', 'value'] as const) delete activity[key];
  if (activity.type === 'invokeResponse') activity.value = { status: 200, body: cardAnswer(card) };
  else activity.attachments = [CardFactory.adaptiveCard(card)];
}

/**
 * The one choke point for every card the bot shows: installs on a turn (or a proactive turn)
 * a check of every activity it sends, updates, or answers an invoke with, against the surnames
 * of the cases the turn concerns. A card that would show a surname outside the requester's
 * personal chat is not posted: a generic card goes instead, and an error is logged with ids only.
 * Rule: DOMAIN.md "Privacy and safety rules of the domain".
 * @param cases the cases to check against; by default the turn's own (`casesOf`), which a
 *   proactive update passes on from the turn that started it.
 * @example
 * guardOutgoingCards(context, log); casesOf(context).push({ childSurnames: 'Bond', requestedBy: 'aad-a' });
 * await context.sendActivity('Bond') // in a group chat: the generic card goes instead
 */
export function guardOutgoingCards(context: TurnContext, log: Logger, cases: readonly CaseNames[] = casesOf(context)): void {
  const check = (turn: TurnContext, activity: Partial<Activity>): void => {
    if (cases.length === 0) return;
    const viewer = { conversationType: turn.activity.conversation?.conversationType, viewerId: actorOf(turn).id, ownAnswer: activity.type === 'invokeResponse' };
    const wrong = casesNamedOutOfPlace(contentOf(activity), viewer, cases);
    if (wrong.length === 0) return;
    const reference = randomUUID();
    // A saved case named out of place is our fault (error). Values only typed on a card are the
    // person's own words: after the request card leaves them out, they can only match here by
    // colliding with a word every card carries (a "surname" such as "true") - fail safe, and warn.
    const ours = wrong.some((c) => c.requestId !== undefined);
    log[ours ? 'error' : 'warn'](
      { reference, activityId: turn.activity.id, activityType: activity.type, conversationType: viewer.conversationType, requestIds: wrong.map((c) => c.requestId ?? 'not saved') },
      "withheld a card that would have named a child outside the requester's personal chat",
    );
    withhold(activity, reference);
  };
  context.onSendActivities(async (turn, activities, next) => {
    for (const activity of activities) check(turn, activity);
    return next();
  });
  context.onUpdateActivity(async (turn, activity, next) => {
    check(turn, activity);
    return next();
  });
}
