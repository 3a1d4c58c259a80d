import type { PlanChange } from '../model/PlanChange.js';

/**
 * The entries of a plan a change edits or removes, as keys (`action:<id>`, `attendee:<id>`,
 * `decision:<id>`, `child:<id>`, `note:<item>:<about>`, `risk:<agency>`, and `meeting`,
 * `quorum-reason`, `issue`, `wishes`). An add touches nothing that exists: it makes a new entry.
 * Rule: issue 9 "Several people editing at once lose nothing" (what a stale change may conflict with).
 * @example
 * planChangeTargets({ verb: 'plan.action.done', actionId: 'a1' }) //=> ['action:a1']
 * planChangeTargets({ verb: 'plan.action.add', actionText: 'ABE interview' }) //=> []
 */
export function planChangeTargets(change: PlanChange): string[] {
  switch (change.verb) {
    case 'plan.attendee.add':
    case 'plan.action.add':
    case 'plan.action.quick-add':
      return [];
    case 'plan.attendee.remove':
    case 'plan.attendee.confirm':
      return [`attendee:${change.attendeeId}`];
    case 'plan.action.edit':
    case 'plan.action.remove':
    case 'plan.action.done':
      return [`action:${change.actionId}`];
    case 'plan.decision.set':
    case 'plan.decision.clear':
      return [`decision:${change.decisionId}`];
    case 'plan.child.set':
      return [`child:${change.childId}`];
    case 'plan.meeting.set':
      return ['meeting'];
    case 'plan.quorum.reason':
      return ['quorum-reason'];
    case 'plan.issue.set':
      return ['issue'];
    case 'plan.note.set':
      return [`note:${String(change.noteItem).trim()}:${(change.noteAbout ?? '').trim()}`];
    case 'plan.wishes.set':
      return ['wishes'];
    case 'plan.risk.set':
      return [`risk:${String(change.riskAgency).trim()}`];
  }
}
