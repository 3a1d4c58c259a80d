import type { Agency, DecisionId, DiscussionPlan, PlanAction, Quorum, QuorumMember } from '../scheduling/model/DiscussionPlan.js';
import type { PlainDate } from '../scheduling/model/PlainDate.js';
import { decisionNames } from '../scheduling/rules/finaliseProblems.js';
import { quorumMemberNames } from '../scheduling/rules/quorum.js';
import { inertText } from './inertText.js';
import { verbs } from './verbs.js';

// What the plan card and the summary card both write about a plan.

/** Teams refreshes a card automatically for at most 60 user ids. */
export const maxRefreshUsers = 60;

/**
 * What every plan card (full, shared outline, summary) carries alike: the plan's id and version for
 * every verb's data, the verbs, who Teams refreshes it for (at most `maxRefreshUsers`) and the N numbers.
 */
export function planCardBase(plan: Pick<DiscussionPlan, 'id' | 'version' | 'nNumbers'>, participantIds: readonly string[]) {
  return {
    ids: { discussionId: plan.id, version: plan.version },
    verbs,
    refreshUserIds: participantIds.slice(0, maxRefreshUsers),
    nNumbers: inertText(plan.nNumbers.join(', ')),
  };
}

export const agencyWords: Record<Agency, string> = { 'social-care': "children's social care", police: 'police', health: 'health', education: 'education', other: 'other' };

/** The decisions as the template names them (the desk's names). */
export const decisionLabels: Readonly<Record<DecisionId, string>> = decisionNames;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A plain date as the card shows it.
 * @example
 * plainDateInWords('2026-12-09') //=> '9 Dec 2026'
 */
export function plainDateInWords(day: PlainDate): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1] ?? '?'} ${y}`;
}

/** The line of an action: `3. text - owner - by 9 Dec 2026 (timescale) - done`, saying what is still missing. */
export function actionLine(action: PlanAction, index: number): string {
  const timescale = action.timescale ? ` (${inertText(action.timescale)})` : '';
  const owner = action.owner ? inertText(action.owner) : 'NO OWNER YET';
  const due = action.due ? `by ${plainDateInWords(action.due)}` : 'NO DATE YET';
  return `${index + 1}. ${inertText(action.text)} - ${owner} - ${due}${timescale}${action.done ? ' - done' : ''}`;
}

/** Who the quorum lacks, in words (the desk's names). */
export const quorumWords: Readonly<Record<QuorumMember, string>> = quorumMemberNames;

/** The quorum line, in words. */
export function quorumLine(quorum: Quorum): string {
  return quorum.quorate ? 'Quorate: social worker and their manager, police and health are in attendance.' : `Not quorate: missing ${quorum.missing.map((m) => quorumWords[m]).join(', ')}.`;
}

/** A child's block on one line: name, N number, address, date of birth (participants only). */
export function childLine(c: DiscussionPlan['children'][number]): string {
  return [inertText(c.name), inertText(c.nNumber), ...(c.address ? [inertText(c.address)] : []), ...(c.dateOfBirth ? [`born ${plainDateInWords(c.dateOfBirth)}`] : [])].join(' - ');
}

