import type { RedactedPlan, PlanView } from '../scheduling/DiscussionDesk.js';
import type { DiscussionPlan, Quorum, UsualAction } from '../scheduling/model/DiscussionPlan.js';
import { agencies, decisionIds } from '../scheduling/model/DiscussionPlan.js';
import type { PlainDate } from '../scheduling/model/PlainDate.js';
import { agenda } from '../scheduling/rules/agenda.js';
import { formatUkDateTimeInWords } from '../scheduling/rules/formatUkDateTime.js';
import { expandCard, expandFragment, type AdaptiveCard } from './AdaptiveCard.js';
import { maxCardBytes } from './cardSize.js';
import { inertText } from './inertText.js';
import template from './planCard.json' with { type: 'json' };
import forms from './planForms.json' with { type: 'json' };
import sharedTemplate from './planSharedCard.json' with { type: 'json' };
import { planSummaryCard } from './planSummaryCard.js';
import { actionLine, agencyWords, childLine, decisionLabels, planCardBase, plainDateInWords, quorumLine } from './planLines.js';
import { verbs } from './verbs.js';

/** The card's forms: each opens from a button, or shows open in the card when it holds an error. */
export type PlanForm = 'attendee' | 'action' | 'decision' | 'more' | 'late';

/** What one person typed into a form, and the problems found, to show back on their card. */
export interface PlanTyped {
  readonly form: PlanForm;
  /** By input id (`attendeeName`, `actionDue`, ...), exactly as typed. */
  readonly values: Readonly<Record<string, string>>;
  /** By input id; or by the form's name for a problem about the whole form. */
  readonly errors: Readonly<Record<string, string>>;
}

export interface PlanCardInput {
  /** The desk's view for the person who will see the card: `full` for a participant, `redacted` for a shared conversation. */
  readonly view: PlanView;
  /** The participants' Teams user ids: Universal Actions refresh the card for them (at most 60). */
  readonly participantIds: readonly string[];
  /** The desk's usual actions, for quick-add. */
  readonly usualActions: readonly UsualAction[];
  /** A message at the top (a stale copy merged or refused, a change refused). Never a child's name. */
  readonly notice?: string;
  /** Kept inputs and their errors (bad input on this person's card). */
  readonly typed?: PlanTyped;
  /** Where the action plan summary went at the conclusion (finalised plans). */
  readonly sentTo?: readonly string[];
}

/** How many actions the card lists before the rest fold behind "Show N more actions". */
export const actionsShown = 10;
/** Every input id on the plan card's forms, so every value can be given (a missing one would stay a binding). */
const inputIds: readonly string[] = Object.values(forms as Record<string, readonly Record<string, unknown>[]>)
  .flat()
  .filter((e) => typeof e.id === 'string')
  .map((e) => e.id as string);
const numberInputs = new Set(['riskScore', 'lateMinutes']);

/**
 * The shared action plan card (DOMAIN.md "The action plan", the seeds' template 003), for what the
 * desk lets the viewer see. A participant (`full`) gets the plan: children, meeting, attendance
 * with a live quorum line and a loud warning when health is missing, the presenting issue, agenda
 * notes, actions (owner and completion date), decisions with their rationale, risk scaling per
 * agency; forms to add to it, Running late and Finalise; once finalised, the summary card.
 * Anyone else (`redacted`, the card posted in a shared conversation) gets the case by N number
 * and how far the plan has got. Universal Actions refresh it for the participants, so everyone
 * works on the current plan. Every action's data carries `discussionId` and `version`.
 * Rule: issue 9 "The plan"; privacy: DOMAIN.md "Privacy and safety rules of the domain".
 * @example
 * planCard({ view: { sight: 'redacted', plan }, participantIds: ['aad-alex'], usualActions: [] }) // names the case by N number only
 */
export function planCard(input: PlanCardInput): AdaptiveCard {
  const { view } = input;
  if (view.sight === 'redacted') return sharedPlanCard(view.plan, input.participantIds, input.notice);
  if (view.plan.state === 'final') {
    return planSummaryCard({ plan: view.plan, quorum: view.quorum, participantIds: input.participantIds, ...(input.notice ? { notice: input.notice } : {}), ...(input.sentTo ? { sentTo: input.sentTo } : {}) });
  }
  const full = { ...input, plan: view.plan, quorum: view.quorum, conferenceBy: view.conferenceBy };
  // Whatever is typed, the card stays under the limit: first the folded actions go, then fewer
  // are listed (all of them are kept on the plan, and shown on the summary and in the record).
  let card = buildPlanCard(full, actionsShown, true);
  for (const shown of [actionsShown, 5, 0]) {
    if (Buffer.byteLength(JSON.stringify(card), 'utf8') <= maxCardBytes) break;
    card = buildPlanCard(full, shown, false);
  }
  return card;
}

/** What a shared conversation is shown: the case by N number, the meeting, how far the plan has got. */
function sharedPlanCard(plan: RedactedPlan, participantIds: readonly string[], notice: string | undefined): AdaptiveCard {
  const { counts } = plan;
  const n = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;
  return expandCard(sharedTemplate, {
    ...planCardBase(plan, participantIds),
    title: plan.state === 'final' ? '✔ Action plan finalised' : 'Strategy discussion action plan',
    meeting: `${formatUkDateTimeInWords(plan.meeting.start)} - ${inertText(plan.meeting.venue)}`,
    ...(notice ? { notice: inertText(notice) } : {}),
    counts: `${n(counts.children, 'child')}, ${n(counts.attendees, 'attendee')}, ${n(counts.actions, 'action')}, ${n(counts.decisions, 'decision')} recorded.`.replace('childs', 'children'),
    ...(plan.finalisedAt
      ? { finalised: `Finalised ${formatUkDateTimeInWords(plan.finalisedAt)}: the plan is locked.${plan.circulatedAt ? ` Full record circulated ${formatUkDateTimeInWords(plan.circulatedAt)}.` : ''}` }
      : {}),
  });
}

function buildPlanCard(input: PlanCardInput & { plan: DiscussionPlan; quorum: Quorum; conferenceBy?: PlainDate }, shown: number, withFolded: boolean): AdaptiveCard {
  const { plan, quorum, typed } = input;
  const text = inertText;
  const ids = { discussionId: plan.id, version: plan.version };
  const lines = plan.actions.map((a, i) => ({ line: actionLine(a, i) }));
  const hidden = lines.slice(shown);
  const values = Object.fromEntries(
    inputIds.map((id) => {
      const value = typed?.values[id];
      if (numberInputs.has(id)) return [id, value !== undefined && /^\d{1,3}$/.test(value) ? Number(value) : null];
      return [id, id === 'attendeeConsulted' ? (value === 'true' ? 'true' : 'false') : inertText(value ?? '')];
    }),
  );
  const errors = Object.fromEntries(Object.entries(typed?.errors ?? {}).map(([k, v]) => [k, inertText(v)]));
  const formData = {
    ids,
    values,
    errors,
    verbs,
    agencyChoices: agencies.map((a) => ({ title: agencyWords[a], value: a })),
    decisionChoices: decisionIds.map((d) => ({ title: decisionLabels[d], value: d })),
    usualChoices: input.usualActions.map((a) => ({ title: inertText(a.label), value: a.id })),
    agendaChoices: agenda.map((t, i) => ({ title: `${i + 1}. ${t}`, value: String(i + 1) })),
    openActions: plan.actions.flatMap((a, i) => (a.done ? [] : [{ title: `${i + 1}. ${text(a.text).slice(0, 60)}`, value: a.id }])),
  };
  // The More... form is the largest: it is sent only to the person who opens it (plan.form). A
  // card with one form open (an error to correct) carries only that one; the others are a click away.
  const sent = Object.entries(forms).filter(([name]) => (typed ? name === typed.form : name !== 'more'));
  const expanded = Object.fromEntries(sent.map(([name, elements]) => [name, withoutNullValues(expandFragment<unknown[]>(elements, formData))]));
  const decided = new Map(plan.decisions.map((d) => [d.id, d]));
  return expandCard(template, {
    ...planCardBase(plan, input.participantIds),
    stateText: `Open - version ${plan.version}`,
    meeting: [formatUkDateTimeInWords(plan.meeting.start), text(plan.meeting.venue), ...(plan.meeting.timingReason ? [text(plan.meeting.timingReason)] : [])].join(' - '),
    ...(input.notice ? { notice: inertText(input.notice) } : {}),
    children: plan.children.map((c) => ({ line: childLine(c) })),
    healthMissing: quorum.healthMissing,
    quorumIcon: quorum.quorate ? '✔' : '✖',
    quorumLine: quorumLine(quorum),
    ...(plan.notQuorateReason ? { notQuorateReason: text(plan.notQuorateReason) } : {}),
    reasonNeeded: !quorum.quorate && !plan.notQuorateReason,
    attendees: plan.attendees.map((a) => ({
      line: `${text(a.name)}, ${text(a.role)}, ${text(a.organisation)} (${agencyWords[a.agency]})${a.consulted ? ' - consulted, not attending' : ''}${a.confirmed ? ' - confirmed ✔' : ''}`,
    })),
    ...(plan.presentingIssue ? { presentingIssue: text(plan.presentingIssue) } : {}),
    notes: plan.agendaNotes.map((n) => ({ line: `${n.item}.${n.about ? ` (${text(n.about)})` : ''} ${text(n.text)}` })),
    actions: lines.slice(0, shown),
    moreActions: withFolded ? hidden : [],
    ...(!withFolded && hidden.length > 0 ? { foldedAway: `${hidden.length} more action${hidden.length === 1 ? '' : 's'}: the card is too full to list them; they are kept on the plan and shown on the summary when it is finalised.` } : {}),
    moreActionsTitle: `Show or hide ${hidden.length} more action${hidden.length === 1 ? '' : 's'}`,
    decisions: decisionIds.map((id) => {
      const d = decided.get(id);
      return { label: decisionLabels[id], line: d ? `${text(d.value)} - because ${text(d.rationale)}` : 'not recorded yet' };
    }),
    ...(input.conferenceBy ? { conferenceBy: `If a child protection conference is convened, it must be held by ${plainDateInWords(input.conferenceBy)} (15 working days).` } : {}),
    risks: plan.riskScaling.map((r) => ({
      line: [
        `${agencyWords[r.agency]}: ${r.score}/10`,
        ...(
          [
            ['past harm', r.pastHarm],
            ['future danger', r.futureDanger],
            ['complicating factors', r.complicatingFactors],
            ['strengths', r.strengths],
            ['existing safety', r.existingSafety],
            ['goals', r.goals],
          ] as const
        ).flatMap(([label, value]) => (value ? [`${label}: ${text(value)}`] : [])),
      ].join('; '),
    })),
    forms: expanded,
    formData: Object.fromEntries(Object.keys(forms).map((form) => [form, { ...ids, form }])),
    inline: typed?.form ?? '',
  });
}

/** Number inputs with no value lose the property (an empty value is not a number). */
function withoutNullValues(elements: unknown[]): unknown[] {
  return elements.map((e) => {
    if (typeof e !== 'object' || e === null) return e;
    const { value, ...rest } = e as Record<string, unknown>;
    return value === null ? rest : e;
  });
}
