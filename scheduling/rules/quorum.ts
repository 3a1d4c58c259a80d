import type { PlanAttendee, Quorum, QuorumMember } from '../model/DiscussionPlan.js';

/** A social care role that is the social worker's manager (team or practice manager, team leader). */
const MANAGER = /\bmanager\b|\b(tm|pm)\b|\bteam\s+leader\b|\bhead\s+of\b/i;
/** A social care role that is a social worker (not their manager). */
const SOCIAL_WORKER = /\bsocial\s*worker\b|\bsw\b/i;

/**
 * The live quorum line: a quorate strategy discussion has, attending (not only consulted), the
 * social worker and their manager from children's social care, the police, and health. Health is
 * the one most often missing (the audit's lesson): `healthMissing` makes the card warn loudly.
 * Roles are read from their words: a social care attendee whose role names a manager (team or
 * practice manager, TM, PM, team leader) counts as the manager; one whose role is social worker
 * (SW) counts as the social worker.
 * Rule: DOMAIN.md "The action plan" (Quorate); seed 003 (NSCB procedures: quorate, as a minimum,
 * children's social care - the social worker and their manager -, health and police).
 * @example
 * quorumOf([{ agency: 'social-care', role: 'Social worker', consulted: false, ... }, { agency: 'social-care', role: 'Team manager', ... }, { agency: 'police', ... }])
 * //=> { quorate: false, missing: ['health'], healthMissing: true }
 */
export function quorumOf(attendees: readonly Pick<PlanAttendee, 'agency' | 'role' | 'consulted'>[]): Quorum {
  const present = attendees.filter((a) => !a.consulted);
  const socialCare = present.filter((a) => a.agency === 'social-care');
  const managers = socialCare.filter((a) => MANAGER.test(a.role));
  const workers = socialCare.filter((a) => !MANAGER.test(a.role) && SOCIAL_WORKER.test(a.role));
  const missing: QuorumMember[] = [];
  if (workers.length === 0) missing.push('social-worker');
  if (managers.length === 0) missing.push('social-care-manager');
  if (!present.some((a) => a.agency === 'police')) missing.push('police');
  const healthMissing = !present.some((a) => a.agency === 'health');
  if (healthMissing) missing.push('health');
  return { quorate: missing.length === 0, missing, healthMissing };
}

/** How the card and a refusal name who is missing. */
export const quorumMemberNames: Readonly<Record<QuorumMember, string>> = {
  'social-worker': 'the social worker',
  'social-care-manager': "the social worker's manager",
  police: 'the police',
  health: 'health',
};
