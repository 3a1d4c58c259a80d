import type { TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../cards/AdaptiveCard.js';
import { typedText } from '../cards/inertText.js';
import { planCard, type PlanForm, type PlanTyped } from '../cards/planCard.js';
import { verbs } from '../cards/verbs.js';
import {
  FinaliseRefusedError,
  InvalidPlanChangeError,
  PlanLockedError,
  StalePlanError,
  planChangeVerbs,
  type PlanChange,
  type PlanChangeVerb,
  type PlanResult,
} from '../scheduling/DiscussionDesk.js';
import type { Desk } from '../scheduling/Desk.js';
import type { Actor } from '../scheduling/model/Actor.js';
import type { TeamsSource } from '../scheduling/services/CaseAccess.js';
import type { CaseNames } from './guardOutgoingCards.js';
import type { CardResult, InPlaceAnswers } from './InPlaceAnswers.js';

type ActionData = Readonly<Record<string, unknown>>;

/** Who acts in this turn, as the bot captured it. */
export interface PlanTurn {
  readonly actor: Actor;
  readonly source: TeamsSource;
  /** The person's Teams id in this conversation (`from.id`): the refresh list names people by it. */
  readonly teamsUserId: string;
  /** The cases the turn's cards are checked against (`guardOutgoingCards`). */
  readonly cases: CaseNames[];
  /** The card for a desk failure (logged with the turn's reference). */
  readonly failureCard: (error: unknown) => AdaptiveCard;
}

export type PlanAnswer = CardResult | { readonly refused: 400 | 404; readonly message: string };

/** Every verb the plan card (or another client) may send; `plan.form` and `plan.refresh` change nothing. */
const planVerbs = new Set<string>([
  verbs.planRefresh,
  verbs.planForm,
  verbs.planFinalise,
  verbs.planCirculate,
  verbs.planRunningLate,
  ...planChangeVerbs,
]);

/** Whether a card action's verb is one of the action plan's. */
export const isPlanVerb = (verb: string): boolean => planVerbs.has(verb);

/** Which form of the plan card holds a verb's inputs (to show them back with their errors). */
const formOf: Partial<Record<string, PlanForm>> = {
  'plan.attendee.add': 'attendee',
  'plan.action.add': 'action',
  'plan.action.quick-add': 'action',
  'plan.decision.set': 'decision',
  'plan.running-late': 'late',
  'plan.issue.set': 'more',
  'plan.quorum.reason': 'more',
  'plan.note.set': 'more',
  'plan.risk.set': 'more',
  'plan.action.done': 'more',
};
const forms: readonly PlanForm[] = ['attendee', 'action', 'decision', 'more', 'late'];
/** What a plan action's data carries besides the inputs. */
const notInputs = new Set(['discussionId', 'version', 'verb', 'form']);

const idIn = (data: ActionData, name: string): string | undefined => {
  const value = data[name];
  return typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : undefined;
};

/** The plan version a card was built from: a whole number, as a number or its digits. */
const versionIn = (data: ActionData): number | undefined => {
  const value = data.version;
  const version = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(version) && version >= 0 ? version : undefined;
};

/** The inputs an action sent, as typed (strings; a toggle may come as a boolean). Anything else is dropped. */
function inputsIn(data: ActionData): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (notInputs.has(key) || key.length > 60) continue;
    if (typeof value === 'string') inputs[key] = typedText(value);
    else if (typeof value === 'boolean' || typeof value === 'number') inputs[key] = String(value);
  }
  return inputs;
}

/** The words of the children's names on a plan, for the outgoing-card check (fail safe: each word on its own). */
function nameWords(result: PlanResult): string {
  if (result.view.sight !== 'full') return '';
  return result.view.plan.children
    .flatMap((c) => c.name.split(/[\s,;&/]+/))
    .filter((w) => w.length >= 2 && w.toLowerCase() !== 'and')
    .join(', ');
}

/**
 * The Teams side of the shared action plan (issue 9): the plan verbs of the `adaptiveCard/action`
 * invoke (and the Action.Submit fallback) become calls on the desk, the only place that decides
 * who may read or change a plan; its answers become cards. The person who acted gets their own
 * view (the full plan for a participant); the posted card is updated for everyone with the
 * redacted view (N numbers only).
 */
export class PlanActions {
  constructor(
    private readonly deps: {
      readonly desk: Desk;
      readonly inPlace: InPlaceAnswers;
    },
  ) {}

  async act(context: TurnContext, turn: PlanTurn, verb: string, data: ActionData): Promise<PlanAnswer> {
    const discussionId = idIn(data, 'discussionId');
    if (!discussionId) return { refused: 400, message: 'discussionId is missing' };
    const version = versionIn(data);
    const { desk } = this.deps;
    const { actor, source } = turn;
    try {
      switch (verb) {
        case verbs.planRefresh:
          return this.own(turn, await desk.viewPlan(discussionId, actor, source));
        case verbs.planForm: {
          const form = forms.find((f) => f === data.form);
          if (!form) return { refused: 400, message: 'form is missing' };
          return this.own(turn, await desk.viewPlan(discussionId, actor, source), { typed: { form, values: {}, errors: {} } });
        }
        case verbs.planCirculate:
          return await this.answered(context, turn, discussionId, verb, desk.circulateRecord(discussionId, actor, source));
        case verbs.planRunningLate: {
          const minutes = Number(inputsIn(data).lateMinutes ?? NaN);
          const late = await desk.runningLate(discussionId, Number.isFinite(minutes) ? minutes : NaN, actor, source);
          const told = late.told.length;
          const notice = told === 0 ? `Running late by about ${late.minutes} minutes: no later slot is booked today, so nobody needed telling.` : `Running late by about ${late.minutes} minutes: the requester${told === 1 ? '' : 's'} of the next ${told === 1 ? 'slot was' : `${told} slots were`} told.`;
          return this.own(turn, late, { notice });
        }
      }
      if (version === undefined) return { refused: 400, message: 'version is missing' };
      if (verb === verbs.planFinalise) return await this.answered(context, turn, discussionId, verb, desk.finalisePlan(discussionId, version, actor, source));
      const change = { ...inputsIn(data), verb: verb as PlanChangeVerb } as unknown as PlanChange;
      const result = await desk.changePlan(discussionId, version, change, actor, source);
      const notice = result.merged ? 'The plan had changed since your copy: your change was added to the current plan, shown here.' : undefined;
      // Through the in-place answers, so the posted card is updated for everyone too.
      return await this.deps.inPlace.answer(context, Promise.resolve(this.forAll(turn, result, notice ? { notice } : {})), this.interim());
    } catch (error) {
      return await this.refusal(turn, discussionId, verb, data, error);
    }
  }

  /** A change the desk did not take: the current plan, with what was typed kept and why, for this person only. */
  private async refusal(turn: PlanTurn, discussionId: string, verb: string, data: ActionData, error: unknown): Promise<PlanAnswer> {
    const form = formOf[verb];
    const values = inputsIn(data);
    let extra: { notice?: string; typed?: PlanTyped };
    if (error instanceof InvalidPlanChangeError) {
      extra = form ? { typed: { form, values, errors: error.fields } } : { notice: `Not changed: ${Object.values(error.fields).join(' ')}` };
    } else if (error instanceof StalePlanError) {
      const notice = `Someone changed the plan while you had an older copy (version ${error.submittedVersion}, now ${error.current.version}), and your change clashes with theirs: ${error.reason}. Nothing of yours was saved over theirs: here is the current plan${form ? ' with what you typed' : ''}; make your change again if it is still needed.`;
      extra = { notice, ...(form ? { typed: { form, values, errors: {} } } : {}) };
    } else if (error instanceof PlanLockedError) {
      extra = { notice: 'The plan is finalised and locked: your change was not made.' };
    } else if (error instanceof FinaliseRefusedError) {
      extra = { notice: `Not finalised yet: ${error.problems.map((p) => p.message).join(' ')}` };
    } else {
      return { card: turn.failureCard(error), forAll: false };
    }
    try {
      return this.own(turn, await this.deps.desk.viewPlan(discussionId, turn.actor, turn.source), extra);
    } catch (again) {
      return { card: turn.failureCard(again), forAll: false };
    }
  }

  /** Slower work (finalise and circulate send mail): answered in place, with an interim card if it takes long. */
  private answered(context: TurnContext, turn: PlanTurn, discussionId: string, verb: string, work: Promise<PlanResult & { summarySentTo?: readonly string[]; recordSentTo?: readonly string[] }>): Promise<CardResult> {
    const done = work.then(
      (result): CardResult => {
        const sentTo = result.summarySentTo ?? result.recordSentTo;
        return this.forAll(turn, result, sentTo && sentTo.length > 0 ? { sentTo } : {});
      },
      async (error: unknown): Promise<CardResult> => {
        const answer = await this.refusal(turn, discussionId, verb, {}, error);
        return 'refused' in answer ? { card: turn.failureCard(error), forAll: false } : answer;
      },
    );
    return this.deps.inPlace.answer(context, done, this.interim());
  }

  private interim(): AdaptiveCard {
    return { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Working on the plan...', wrap: true }] };
  }

  /**
   * The plan card to post in the turn's conversation (the `agenda` command, Record the
   * discussion): in a personal chat the person's own view, in a shared one the redacted view that
   * Universal Actions refresh into each participant's own.
   */
  postedCard(turn: PlanTurn, result: PlanResult): AdaptiveCard {
    this.guard(turn, result);
    if (turn.source.conversationType === 'personal') return this.cardFor(turn, result, {});
    return planCard({ view: { sight: 'redacted', plan: result.shared }, participantIds: this.refreshIds(turn, result), usualActions: [] });
  }

  /** The card for this person only (a refresh, a form opened, a refusal). */
  private own(turn: PlanTurn, result: PlanResult, extra: { notice?: string; typed?: PlanTyped; sentTo?: readonly string[] } = {}): CardResult {
    this.guard(turn, result);
    return { card: this.cardFor(turn, result, extra), forAll: false };
  }

  /**
   * A change everyone should see: the person gets their view, the posted card the redacted one -
   * except in a personal chat, which only that person sees: there the posted card stays their own
   * view, as `postedCard` posted it (the outline would hide the plan until a refresh).
   */
  private forAll(turn: PlanTurn, result: PlanResult, extra: { notice?: string; sentTo?: readonly string[] }): CardResult {
    this.guard(turn, result);
    const card = this.cardFor(turn, result, extra);
    if (turn.source.conversationType === 'personal') return { card, forAll: true };
    const shared = planCard({ view: { sight: 'redacted', plan: result.shared }, participantIds: this.refreshIds(turn, result), usualActions: [] });
    return { card, shared, forAll: true };
  }

  private cardFor(turn: PlanTurn, result: PlanResult, extra: { notice?: string; typed?: PlanTyped; sentTo?: readonly string[] }): AdaptiveCard {
    return planCard({ view: result.view, participantIds: this.refreshIds(turn, result), usualActions: this.deps.desk.usualActions(), ...extra });
  }

  /** Who gets the card refreshed: the participants the desk knows, and this person when they are one. */
  private refreshIds(turn: PlanTurn, result: PlanResult): string[] {
    const mine = result.view.sight === 'full' ? [turn.teamsUserId] : [];
    return [...new Set([...mine, ...result.participantIds])];
  }

  /**
   * The turn's cards are checked against the children's names: the person's own answer may name
   * them when the desk gave them the full view; anything posted for the conversation may not.
   */
  private guard(turn: PlanTurn, result: PlanResult): void {
    const { view } = result;
    const names = nameWords(result);
    if (view.sight !== 'full' || !names) return;
    turn.cases.push({ childSurnames: names, requestedBy: view.plan.createdBy.id, requestId: view.plan.requestId, participants: [turn.actor.id] });
  }
}
