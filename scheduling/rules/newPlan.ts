import type { Actor } from '../model/Actor.js';
import type { DiscussionPlan } from '../model/DiscussionPlan.js';
import type { StoredRequest } from '../model/DiscussionRequest.js';

/**
 * A request's plan as it opens, version 1: one child block per N number of the request, each
 * named with the surname typed on the request (to complete: first name, address, date of birth),
 * the meeting's start and venue (the booked slot and the conference line, or what was typed for
 * an urgent discussion), the request's invitees, and nothing else yet.
 * Rule: issue 9 "The plan"; seed 003 (the template: one block per child, meeting date, time, venue).
 * @example
 * newPlan({ id: 'd1', request, meeting: { start, venue: 'dial-in' }, childIds: ['c1'], actor, at })
 * //=> { id: 'd1', version: 1, state: 'open', children: [{ id: 'c1', name: 'Bond', nNumber: 'N146782' }], ... }
 */
export function newPlan(input: {
  readonly id: string;
  readonly request: StoredRequest;
  readonly meeting: { readonly start: Date; readonly venue: string; readonly timingReason?: string };
  /** One id per N number, in order. */
  readonly childIds: readonly string[];
  readonly actor: Actor;
  readonly at: Date;
}): DiscussionPlan {
  const { id, request, meeting, childIds, actor, at } = input;
  return {
    id,
    requestId: request.id,
    nNumbers: [...request.nNumbers],
    version: 1,
    state: 'open',
    meeting: { ...meeting },
    children: request.nNumbers.map((nNumber, i) => ({ id: childIds[i] ?? `child-${i + 1}`, name: request.childSurnames.trim(), nNumber })),
    invitees: [...request.invitees],
    attendees: [],
    agendaNotes: [],
    actions: [],
    decisions: [],
    riskScaling: [],
    createdAt: at,
    createdBy: actor,
    updatedAt: at,
    updatedBy: actor,
  };
}
