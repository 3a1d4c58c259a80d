import type { RedactedPlan } from '../../scheduling/DiscussionDesk.js';
import type { DiscussionPlan, PlanAction, PlanAttendee, PlanChild, Quorum, UsualAction } from '../../scheduling/model/DiscussionPlan.js';

const alex = { id: 'aad-alex', name: 'Alex Jones' };

/** A plan being filled in: one child, a social worker and police in attendance, one action. */
export const plan: DiscussionPlan = {
  id: 'disc-1',
  requestId: 'req-1',
  nNumbers: ['N146782'],
  version: 3,
  state: 'open',
  meeting: { start: new Date('2026-11-25T10:15:00Z'), venue: 'dial-in', timingReason: 'the rota slot' },
  children: [{ id: 'c1', name: 'Jamie Zanzibarova', nNumber: 'N146782', address: '1 High Street, Northampton', dateOfBirth: '2019-04-02' }],
  attendees: [
    { id: 'a1', name: 'Sam Patel', organisation: 'NCC', agency: 'social-care', role: 'social worker', consulted: false, confirmed: true },
    { id: 'a2', name: 'DS Smith', organisation: 'Northants Police', agency: 'police', role: 'DS', consulted: false, confirmed: false },
  ],
  invitees: ['nurse@nhs.example'],
  presentingIssue: 'Bruise seen at school; Zanzibarova family known to services',
  agendaNotes: [{ item: 3, about: 'police', text: 'No police history' }],
  actions: [{ id: 'x1', text: 'See Jamie alone', owner: 'Sam Patel', due: '2026-11-26', timescale: 'today', done: false }],
  decisions: [{ id: 's47', value: 'yes', rationale: 'reasonable cause to suspect significant harm' }],
  riskScaling: [{ agency: 'police', score: 4, pastHarm: 'bruise', goals: 'safe at home' }],
  createdAt: new Date('2026-11-25T10:15:00Z'),
  createdBy: alex,
  updatedAt: new Date('2026-11-25T10:20:00Z'),
  updatedBy: alex,
};

export const notQuorate: Quorum = { quorate: false, missing: ['social-care-manager', 'health'], healthMissing: true };
export const quorate: Quorum = { quorate: true, missing: [], healthMissing: false };

/** What a shared conversation may see of `plan`. */
export const redacted: RedactedPlan = {
  id: plan.id,
  requestId: plan.requestId,
  nNumbers: plan.nNumbers,
  version: plan.version,
  state: 'open',
  meeting: { start: plan.meeting.start, venue: 'dial-in' },
  counts: { children: 1, attendees: 2, actions: 1, decisions: 1 },
};

export const usualActions: UsualAction[] = [
  { id: 'medical', label: 'Medical with the on-call paediatrician', text: 'Child protection medical assessment to be arranged with the on-call community paediatrician' },
  { id: 'abe', label: 'ABE interview', text: 'ABE interview to be considered' },
];

const long = (label: string, n: number) => `${label} ${n}: `.padEnd(90, 'x');

/** The issue's large plan: 6 children, 15 attendees, 30 actions, every decision, long texts. */
export function largePlan(): DiscussionPlan {
  const children: PlanChild[] = Array.from({ length: 6 }, (_, i) => ({
    id: `c${i}`,
    name: `Child${i} Zanzibarova-Longname`,
    nNumber: `N14678${i}`,
    address: `${i} A Rather Long Street Name, Some Village, Northampton NN1 1AA`,
    dateOfBirth: '2015-01-0' + (i + 1),
  }));
  const attendees: PlanAttendee[] = Array.from({ length: 15 }, (_, i) => ({
    id: `a${i}`,
    name: `Professional Person ${i}`,
    organisation: 'Northamptonshire Healthcare NHS Foundation Trust',
    agency: (['social-care', 'police', 'health', 'education', 'other'] as const)[i % 5]!,
    role: 'Safeguarding named nurse for children',
    consulted: i % 4 === 0,
    confirmed: i % 2 === 0,
  }));
  const actions: PlanAction[] = Array.from({ length: 30 }, (_, i) => ({
    id: `x${i}`,
    text: long('Action', i),
    owner: 'Professional Person 1',
    due: '2026-12-0' + ((i % 9) + 1),
    timescale: 'within 24 hours',
    done: i % 3 === 0,
  }));
  return {
    ...plan,
    nNumbers: children.map((c) => c.nNumber),
    children,
    attendees,
    actions,
    agendaNotes: Array.from({ length: 8 }, (_, i) => ({ item: (i + 1) as 1, text: long('Note', i) })),
    decisions: (['s47', 'agency', 'medical', 'abe', 'seen-alone', 'family', 'legal', 'conference', 'review', 'timing'] as const).map((id) => ({ id, value: 'yes', rationale: long('Because', 1) })),
    riskScaling: (['social-care', 'police', 'health', 'education', 'other'] as const).map((agency) => ({ agency, score: 5, pastHarm: long('Harm', 1), goals: long('Goal', 1) })),
  };
}
