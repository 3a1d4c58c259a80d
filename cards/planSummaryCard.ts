import type { DiscussionPlan, Quorum } from '../scheduling/model/DiscussionPlan.js';
import { decisionIds } from '../scheduling/model/DiscussionPlan.js';
import { formatUkDateTimeInWords } from '../scheduling/rules/formatUkDateTime.js';
import { expandCard, type AdaptiveCard } from './AdaptiveCard.js';
import { inertText } from './inertText.js';
import { actionLine, agencyWords, childLine, decisionLabels, planCardBase, quorumWords } from './planLines.js';
import template from './planSummaryCard.json' with { type: 'json' };

export interface PlanSummaryCardInput {
  readonly plan: DiscussionPlan;
  readonly participantIds: readonly string[];
  readonly quorum: Quorum;
  /** Where the action plan summary went at the conclusion (organisations or addresses), if known. */
  readonly sentTo?: readonly string[];
  readonly notice?: string;
}

/**
 * The card that replaces the plan once it is finalised (participants' view): locked, what was agreed (actions with
 * owner and date, decisions with rationale), the attendance and whether it was quorate, where the
 * summary went, and Circulate the record until the full record has gone.
 * Rule: issue 9 "Finalise".
 * @example
 * planSummaryCard({ plan: finalPlan, participantIds: [], quorum }) // 'Action plan finalised', 'Circulate the record'
 */
export function planSummaryCard(input: PlanSummaryCardInput): AdaptiveCard {
  const { plan, quorum } = input;
  const text = inertText;
  const present = plan.attendees.filter((a) => !a.consulted);
  const byAgency = [...new Set(present.map((a) => agencyWords[a.agency]))].join(', ');
  const decided = new Map(plan.decisions.map((d) => [d.id, d]));
  return expandCard(template, {
    ...planCardBase(plan, input.participantIds),
    meeting: `${formatUkDateTimeInWords(plan.meeting.start)} - ${text(plan.meeting.venue)}`,
    finalised: plan.finalisedAt ? `${formatUkDateTimeInWords(plan.finalisedAt)}${plan.finalisedBy ? ` by ${inertText(plan.finalisedBy.name)}` : ''}` : 'yes',
    ...(input.notice ? { notice: inertText(input.notice) } : {}),
    children: plan.children.map((c) => ({ line: childLine(c) })),
    attendance: `${present.length} in attendance (${byAgency || 'nobody recorded'}), ${plan.attendees.length - present.length} consulted; ${
      quorum.quorate ? 'quorate' : `not quorate (missing ${quorum.missing.map((m) => quorumWords[m]).join(', ')})${plan.notQuorateReason ? `; reason: ${text(plan.notQuorateReason)}` : ''}`
    }`,
    actions: plan.actions.map((a, i) => ({ line: actionLine(a, i) })),
    decisions: decisionIds.flatMap((id) => {
      const d = decided.get(id);
      return d ? [{ label: decisionLabels[id], line: `${text(d.value)} - because ${text(d.rationale)}` }] : [];
    }),
    sent: input.sentTo?.length ? `The action plan summary went to ${input.sentTo.map(inertText).join(', ')}.` : 'The action plan summary goes to every attending agency.',
    isCirculated: plan.circulatedAt !== undefined,
    circulated: plan.circulatedAt ? `Full record circulated ${formatUkDateTimeInWords(plan.circulatedAt)}.` : 'The full record (plan and agenda notes) has not been circulated yet.',
  });
}
