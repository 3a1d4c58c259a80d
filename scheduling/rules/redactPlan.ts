import type { DiscussionPlan } from '../model/DiscussionPlan.js';

/** What a shared conversation may see of a plan (the shape DiscussionDesk calls `RedactedPlan`). */
export interface PlanOutline {
  readonly id: string;
  readonly requestId: string;
  readonly nNumbers: readonly string[];
  readonly version: number;
  readonly state: DiscussionPlan['state'];
  readonly meeting: { readonly start: Date; readonly venue: string };
  readonly counts: { readonly children: number; readonly attendees: number; readonly actions: number; readonly decisions: number };
  readonly finalisedAt?: Date;
  readonly circulatedAt?: Date;
}

/**
 * The plan as a card in a shared conversation may show it: the case by N number only, its state,
 * the meeting's time and venue, and how many entries it holds. Nothing typed (children's blocks,
 * notes, actions, decisions, the presenting issue) is kept: any of it may name a child.
 * Rule: issue 9 "Privacy" (the card in a shared conversation names the case by N number only).
 * @example
 * redactPlan(plan) //=> { id, requestId, nNumbers: ['N146782'], version: 4, state: 'open', meeting: {...}, counts: {...} }
 */
export function redactPlan(plan: DiscussionPlan): PlanOutline {
  return {
    id: plan.id,
    requestId: plan.requestId,
    nNumbers: [...plan.nNumbers],
    version: plan.version,
    state: plan.state,
    meeting: { start: plan.meeting.start, venue: plan.meeting.venue },
    counts: { children: plan.children.length, attendees: plan.attendees.length, actions: plan.actions.length, decisions: plan.decisions.length },
    ...(plan.finalisedAt ? { finalisedAt: plan.finalisedAt } : {}),
    ...(plan.circulatedAt ? { circulatedAt: plan.circulatedAt } : {}),
  };
}
