import type { DiscussionPlan, FinaliseProblem } from '../model/DiscussionPlan.js';
import { decisionNames } from '../model/DiscussionPlan.js';
import { quorumOf, quorumMemberNames } from './quorum.js';

/** How a problem names an action: its text, shortened. */
function actionName(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

/**
 * What stops a plan being finalised, one problem per item and named (an action by its text, a
 * decision by its name): every action needs an owner and a completion date (the Climbie lesson),
 * every decision recorded its rationale, and the attendance must be quorate or carry the reason
 * it is not. Empty when it may be finalised.
 * Rule: issue 9 "Finalise"; DOMAIN.md "The action plan"; seed 002 (audit).
 * @example
 * finaliseProblems({ ...plan, actions: [{ id: 'a1', text: 'ABE interview', due: '2026-12-04', done: false }] })
 * //=> [{ kind: 'action.owner-missing', actionId: 'a1', message: 'The action "ABE interview" has no owner.' }, ...]
 */
export function finaliseProblems(plan: Pick<DiscussionPlan, 'actions' | 'decisions' | 'attendees' | 'notQuorateReason'>): FinaliseProblem[] {
  const problems: FinaliseProblem[] = [];
  for (const action of plan.actions) {
    if (!action.owner?.trim()) problems.push({ kind: 'action.owner-missing', actionId: action.id, message: `The action "${actionName(action.text)}" has no owner.` });
    if (!action.due) problems.push({ kind: 'action.due-missing', actionId: action.id, message: `The action "${actionName(action.text)}" has no completion date.` });
  }
  for (const decision of plan.decisions) {
    if (!decision.rationale.trim()) problems.push({ kind: 'decision.rationale-missing', decisionId: decision.id, message: `The decision "${decisionNames[decision.id]}" has no rationale.` });
  }
  const quorum = quorumOf(plan.attendees);
  if (!quorum.quorate && !plan.notQuorateReason?.trim()) {
    const who = quorum.missing.map((m) => quorumMemberNames[m]).join(', ');
    problems.push({ kind: 'quorum.reason-missing', missing: quorum.missing, message: `The discussion is not quorate (missing: ${who}): give the reason.` });
  }
  return problems;
}

/** The decisions as the template and the card name them. */
export { decisionNames };
