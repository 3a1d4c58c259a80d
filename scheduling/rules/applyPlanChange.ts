import type { Actor } from '../model/Actor.js';
import { agencies, decisionIds, type Agency, type AgendaItem, type AgendaNote, type DecisionId, type DiscussionPlan, type PlanAction, type PlanAttendee, type RiskScale, type WishesAndFeelings } from '../model/DiscussionPlan.js';
import type { PlanChange } from '../model/PlanChange.js';
import { isPlainDate } from './PlainDate.js';
import { londonDateOf, londonInstant, londonWallTimeOf } from './londonTime.js';
import { usualActionById } from './usualActions.js';

/** What a change needs besides the plan: when, by whom, and new entry ids. */
export interface ChangeContext {
  readonly at: Date;
  readonly actor: Actor;
  readonly newId: () => string;
}

/** A change applied (the plan one version on, and the entries it touched or made), or each bad input named by its id. */
export type AppliedChange =
  | { readonly ok: true; readonly plan: DiscussionPlan; readonly targets: readonly string[] }
  | { readonly ok: false; readonly fields: Readonly<Record<string, string>> };

/** Longest text kept in one input (a note may be longer). */
const MAX_TEXT = 2000;
const MAX_NOTE = 8000;
const EMAIL = /^[^\s@<>()[\]",;:]+@[^\s@<>()[\]",;:]+\.[^\s@<>()[\]",;:]+$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Collects each bad input by id; messages never quote what was typed (it may name a child). */
class Inputs {
  readonly fields: Record<string, string> = {};
  constructor(private readonly raw: Readonly<Record<string, unknown>>) {}

  /** Text as typed, trimmed; '' when absent. Refused: not text, too long, or holding a character that cannot be stored or seen. */
  text(id: string, options: { required?: boolean; max?: number } = {}): string {
    const value = this.raw[id];
    if (value === undefined || value === null) return this.missing(id, options.required);
    if (typeof value !== 'string') return this.bad(id, 'must be text.');
    if (!storable(value)) return this.bad(id, 'holds a character that cannot be stored (a control character or a broken one); type it again.');
    const text = value.trim();
    if (text.length > (options.max ?? MAX_TEXT)) return this.bad(id, `is too long (at most ${options.max ?? MAX_TEXT} characters).`);
    if (!text) return this.missing(id, options.required);
    return text;
  }

  /** A toggle: `true`/`false` as text or a boolean; absent or blank is `fallback`. */
  flag(id: string, fallback: boolean): boolean {
    const value = this.raw[id];
    if (value === undefined || value === null || value === '') return fallback;
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    this.bad(id, 'must be true or false.');
    return fallback;
  }

  /** A `YYYY-MM-DD` day that exists; undefined when blank. */
  date(id: string, options: { required?: boolean } = {}): string | undefined {
    const text = this.text(id, { required: options.required ?? false, max: 10 });
    if (!text) return undefined;
    if (!isPlainDate(text)) {
      this.bad(id, 'must be a real date, written YYYY-MM-DD.');
      return undefined;
    }
    return text;
  }

  agency(id: string): Agency {
    const text = this.text(id, { required: true });
    if (text && !(agencies as readonly string[]).includes(text)) this.bad(id, `must be one of ${agencies.join(', ')}.`);
    return text as Agency;
  }

  email(id: string): string | undefined {
    const text = this.text(id, { max: 254 });
    if (!text) return undefined;
    if (!EMAIL.test(text)) {
      this.bad(id, 'is not an email address.');
      return undefined;
    }
    return text;
  }

  bad(id: string, message: string): '' {
    this.fields[id] ??= message;
    return '';
  }

  get ok(): boolean {
    return Object.keys(this.fields).length === 0;
  }

  private missing(id: string, required: boolean | undefined): '' {
    if (required) this.bad(id, 'is required.');
    return '';
  }
}

/** Text without NUL, other control characters (tab and line breaks are fine) or broken surrogate pairs. */
function storable(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return false;
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

/**
 * Applies one change to a plan: its inputs validated (each bad one named by its input id, nothing
 * changed), the plan one version on, stamped with who changed it and when. Actions may be added
 * without owner or date (finalising asks for them); an owner named like an attendee who added
 * themselves gets their Teams user id (their action clock reminds them). A finalised plan is not
 * this rule's business (the desk refuses first).
 * Rule: issue 9 "The plan" (what it holds) and "Verbs and input ids are an API".
 * @example
 * applyPlanChange(plan, { verb: 'plan.action.add', actionText: 'ABE interview', actionOwner: 'DC Patel', actionDue: '2026-12-04' }, ctx)
 * //=> { ok: true, plan: { ...plan, version: plan.version + 1, actions: [..., { id, text: 'ABE interview', owner: 'DC Patel', due: '2026-12-04', done: false }] }, targets: ['action:<id>'] }
 * applyPlanChange(plan, { verb: 'plan.action.add', actionText: 'x', actionDue: '2026-13-01' }, ctx)
 * //=> { ok: false, fields: { actionDue: 'must be a real date, written YYYY-MM-DD.' } }
 */
export function applyPlanChange(plan: DiscussionPlan, change: PlanChange, ctx: ChangeContext): AppliedChange {
  const input = new Inputs(change as unknown as Readonly<Record<string, unknown>>);
  const result = edit(plan, change, input, ctx);
  if (!input.ok || !result) return { ok: false, fields: { ...input.fields } };
  const { changed, targets } = result;
  return { ok: true, plan: { ...changed, version: plan.version + 1, updatedAt: ctx.at, updatedBy: ctx.actor }, targets };
}

type Edit = { changed: DiscussionPlan; targets: string[] } | undefined;

function edit(plan: DiscussionPlan, change: PlanChange, input: Inputs, ctx: ChangeContext): Edit {
  switch (change.verb) {
    case 'plan.attendee.add': {
      const self = input.flag('attendeeSelf', false);
      const email = input.email('attendeeEmail') ?? (self ? ctx.actor.email : undefined);
      const attendee: PlanAttendee = {
        id: ctx.newId(),
        name: input.text('attendeeName', { required: true, max: 200 }),
        organisation: input.text('attendeeOrganisation', { required: true, max: 200 }),
        agency: input.agency('attendeeAgency'),
        role: input.text('attendeeRole', { required: true, max: 200 }),
        consulted: input.flag('attendeeConsulted', false),
        confirmed: false,
        ...(self ? { userId: ctx.actor.id } : {}),
        ...(email ? { email } : {}),
      };
      return { changed: { ...plan, attendees: [...plan.attendees, attendee] }, targets: [`attendee:${attendee.id}`] };
    }
    case 'plan.attendee.remove': {
      const id = existing(input, 'attendeeId', plan.attendees);
      return id === undefined ? undefined : { changed: { ...plan, attendees: plan.attendees.filter((a) => a.id !== id) }, targets: [`attendee:${id}`] };
    }
    case 'plan.attendee.confirm': {
      const id = existing(input, 'attendeeId', plan.attendees);
      const confirmed = input.flag('attendeeConfirmed', true);
      return id === undefined ? undefined : { changed: { ...plan, attendees: plan.attendees.map((a) => (a.id === id ? { ...a, confirmed } : a)) }, targets: [`attendee:${id}`] };
    }
    case 'plan.action.add':
    case 'plan.action.quick-add': {
      let text: string;
      let timescale: string | undefined;
      if (change.verb === 'plan.action.quick-add') {
        const usual = usualActionById(input.text('usualActionId', { required: true, max: 100 }));
        if (!usual) input.bad('usualActionId', 'is not one of the usual actions.');
        text = usual?.text ?? '';
        timescale = usual?.timescale;
      } else {
        text = input.text('actionText', { required: true });
        timescale = input.text('actionTimescale', { max: 200 }) || undefined;
      }
      const action = actionOf(plan, { id: ctx.newId(), text, done: false, ...(timescale ? { timescale } : {}) }, input);
      return { changed: { ...plan, actions: [...plan.actions, action] }, targets: [`action:${action.id}`] };
    }
    case 'plan.action.edit': {
      const id = existing(input, 'actionId', plan.actions);
      const before = plan.actions.find((a) => a.id === id);
      const timescale = input.text('actionTimescale', { max: 200 });
      const after = actionOf(plan, { id: id ?? '', text: input.text('actionText', { required: true }), done: before?.done ?? false, ...(timescale ? { timescale } : {}) }, input);
      return id === undefined ? undefined : { changed: { ...plan, actions: plan.actions.map((a) => (a.id === id ? after : a)) }, targets: [`action:${id}`] };
    }
    case 'plan.action.remove': {
      const id = existing(input, 'actionId', plan.actions);
      return id === undefined ? undefined : { changed: { ...plan, actions: plan.actions.filter((a) => a.id !== id) }, targets: [`action:${id}`] };
    }
    case 'plan.action.done': {
      const id = existing(input, 'actionId', plan.actions);
      const done = input.flag('actionDone', true);
      return id === undefined ? undefined : { changed: { ...plan, actions: plan.actions.map((a) => (a.id === id ? { ...a, done } : a)) }, targets: [`action:${id}`] };
    }
    case 'plan.decision.set': {
      const id = decisionIdOf(input);
      const value = input.text('decisionValue', { required: true });
      const rationale = input.text('decisionRationale');
      if (!id) return undefined;
      const decision = { id, value, rationale };
      const decisions = plan.decisions.some((d) => d.id === id) ? plan.decisions.map((d) => (d.id === id ? decision : d)) : [...plan.decisions, decision];
      decisions.sort((a, b) => decisionIds.indexOf(a.id) - decisionIds.indexOf(b.id));
      return { changed: { ...plan, decisions }, targets: [`decision:${id}`] };
    }
    case 'plan.decision.clear': {
      const id = decisionIdOf(input);
      return id ? { changed: { ...plan, decisions: plan.decisions.filter((d) => d.id !== id) }, targets: [`decision:${id}`] } : undefined;
    }
    case 'plan.child.set': {
      const id = existing(input, 'childId', plan.children);
      const name = input.text('childName', { required: true, max: 200 });
      const address = input.text('childAddress', { max: 500 });
      const dateOfBirth = input.date('childDob');
      if (id === undefined) return undefined;
      const children = plan.children.map((c) => {
        if (c.id !== id) return c;
        const { address: _a, dateOfBirth: _d, ...rest } = c;
        return { ...rest, name, ...(address ? { address } : {}), ...(dateOfBirth ? { dateOfBirth } : {}) };
      });
      return { changed: { ...plan, children }, targets: [`child:${id}`] };
    }
    case 'plan.meeting.set': {
      const date = input.date('meetingDate');
      const time = input.text('meetingTime', { max: 5 });
      if (time && !HHMM.test(time)) input.bad('meetingTime', 'must be a time, written HH:MM (UK time).');
      const venue = input.text('meetingVenue', { max: 200 });
      const timingReason = input.text('meetingTimingReason');
      if (!input.ok) return undefined;
      const day = date ?? londonDateOf(plan.meeting.start);
      const start = date || time ? londonInstant(day, time || londonWallTimeOf(plan.meeting.start).slice(0, 5)) : plan.meeting.start;
      const { timingReason: _t, ...meeting } = plan.meeting;
      return { changed: { ...plan, meeting: { ...meeting, start, venue: venue || plan.meeting.venue, ...(timingReason ? { timingReason } : {}) } }, targets: ['meeting'] };
    }
    case 'plan.quorum.reason': {
      const reason = input.text('notQuorateReason');
      const { notQuorateReason: _r, ...rest } = plan;
      return { changed: reason ? { ...rest, notQuorateReason: reason } : rest, targets: ['quorum-reason'] };
    }
    case 'plan.issue.set': {
      const issue = input.text('presentingIssue', { max: MAX_NOTE });
      const { presentingIssue: _p, ...rest } = plan;
      return { changed: issue ? { ...rest, presentingIssue: issue } : rest, targets: ['issue'] };
    }
    case 'plan.note.set': {
      const itemText = input.text('noteItem', { required: true, max: 2 });
      const item = Number(itemText);
      if (itemText && !(Number.isInteger(item) && item >= 1 && item <= 8)) input.bad('noteItem', 'must be an agenda item, 1 to 8.');
      // An agency (item 3) or a child's block id (item 4): ids only, so the history never holds typed text.
      const about = input.text('noteAbout', { max: 100 });
      if (about && !(agencies as readonly string[]).includes(about) && !plan.children.some((c) => c.id === about)) input.bad('noteAbout', "must be an agency or a child's block of this plan.");
      const text = input.text('noteText', { max: MAX_NOTE });
      if (!input.ok) return undefined;
      const same = (n: AgendaNote) => n.item === item && (n.about ?? '') === about;
      const note: AgendaNote = { item: item as AgendaItem, ...(about ? { about } : {}), text };
      const kept = plan.agendaNotes.filter((n) => !same(n));
      const agendaNotes = text ? [...kept, note].sort((a, b) => a.item - b.item) : kept;
      return { changed: { ...plan, agendaNotes }, targets: [`note:${item}:${about}`] };
    }
    case 'plan.wishes.set': {
      const wishes: WishesAndFeelings = compact({
        interpreter: input.text('wishesInterpreter'),
        advocate: input.text('wishesAdvocate'),
        where: input.text('wishesWhere'),
        notes: input.text('wishesNotes', { max: MAX_NOTE }),
      });
      const { wishesAndFeelings: _w, ...rest } = plan;
      return { changed: Object.keys(wishes).length > 0 ? { ...rest, wishesAndFeelings: wishes } : rest, targets: ['wishes'] };
    }
    case 'plan.risk.set': {
      const agency = input.agency('riskAgency');
      const scoreText = input.text('riskScore', { required: true, max: 2 });
      const score = Number(scoreText);
      if (scoreText && !(/^\d{1,2}$/.test(scoreText) && score >= 0 && score <= 10)) input.bad('riskScore', 'must be a whole number from 0 to 10.');
      const headings = compact({
        pastHarm: input.text('riskPastHarm'),
        futureDanger: input.text('riskFutureDanger'),
        complicatingFactors: input.text('riskComplicatingFactors'),
        strengths: input.text('riskStrengths'),
        existingSafety: input.text('riskExistingSafety'),
        goals: input.text('riskGoals'),
      });
      if (!input.ok) return undefined;
      const scale: RiskScale = { agency, score, ...headings };
      const riskScaling = [...plan.riskScaling.filter((r) => r.agency !== agency), scale].sort((a, b) => agencies.indexOf(a.agency) - agencies.indexOf(b.agency));
      return { changed: { ...plan, riskScaling }, targets: [`risk:${agency}`] };
    }
  }
}

/** The action with its owner, owner id and date from the inputs. */
function actionOf(plan: DiscussionPlan, base: Pick<PlanAction, 'id' | 'text' | 'done' | 'timescale'>, input: Inputs): PlanAction {
  const owner = input.text('actionOwner', { max: 200 });
  const ownerIdTyped = input.text('actionOwnerId', { max: 200 });
  const due = input.date('actionDue');
  const ownerId = ownerIdTyped || (owner ? plan.attendees.find((a) => a.userId && a.name.toLowerCase() === owner.toLowerCase())?.userId : undefined);
  return { ...base, ...(owner ? { owner } : {}), ...(due ? { due } : {}), ...(ownerId ? { ownerId } : {}) };
}

/** The id of an entry that exists in the plan; otherwise the input is named. */
function existing(input: Inputs, id: string, entries: ReadonlyArray<{ readonly id: string }>): string | undefined {
  const value = input.text(id, { required: true, max: 200 });
  if (!value) return undefined;
  if (!entries.some((e) => e.id === value)) {
    input.bad(id, 'names nothing in this plan (it may have been removed).');
    return undefined;
  }
  return value;
}

function decisionIdOf(input: Inputs): DecisionId | undefined {
  const value = input.text('decisionId', { required: true, max: 20 });
  if (!value) return undefined;
  if (!(decisionIds as readonly string[]).includes(value)) {
    input.bad('decisionId', `must be one of ${decisionIds.join(', ')}.`);
    return undefined;
  }
  return value as DecisionId;
}

/** Drops blank values. */
function compact<T extends Record<string, string>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')) as Partial<T>;
}

