import type { DiscussionPlan, PlanAttendee } from '../../../scheduling/model/DiscussionPlan.js';

export const chair = { id: 'aad-chair', name: 'A. Jones', email: 'a.jones@council.example.org' };

/** A plan as it opens, for rule tests. */
export function openPlan(change: Partial<DiscussionPlan> = {}): DiscussionPlan {
  const at = new Date('2026-11-25T10:00:00Z');
  return {
    id: 'd1',
    requestId: 'r1',
    nNumbers: ['N146782'],
    version: 1,
    state: 'open',
    meeting: { start: at, venue: 'dial-in' },
    children: [{ id: 'c1', name: 'Zanzibarova', nNumber: 'N146782' }],
    invitees: ['nurse@health.example.org'],
    attendees: [],
    agendaNotes: [],
    actions: [],
    decisions: [],
    riskScaling: [],
    createdAt: at,
    createdBy: chair,
    updatedAt: at,
    updatedBy: chair,
    ...change,
  };
}

let n = 0;
export function attendee(agency: PlanAttendee['agency'], role: string, change: Partial<PlanAttendee> = {}): PlanAttendee {
  n += 1;
  return { id: `at${n}`, name: `Person ${n}`, organisation: 'Org', agency, role, consulted: false, confirmed: false, ...change };
}

/** A quorate attendance: social worker, their manager, police, health. */
export function quorate(): PlanAttendee[] {
  return [attendee('social-care', 'Social worker'), attendee('social-care', 'Team manager'), attendee('police', 'DS'), attendee('health', 'Named nurse')];
}
