import type { Actor } from './Actor.js';
import type { UrgentCriterion } from './UrgentCriterion.js';

export type ManagerRole = 'TM' | 'PM';

/** A request for a strategy discussion, validated (see `scheduling/rules/discussionRequest.ts`). */
export interface DiscussionRequest {
  readonly nNumbers: readonly string[];
  /** The children's surname(s) as typed: sensitive, never logged, shown only where DOMAIN.md allows. */
  readonly childSurnames: string;
  readonly managerName: string;
  readonly managerRole: ManagerRole;
  readonly managerPhone: string;
  /** Where the manager receives the invite (from their Teams profile or the CLI). */
  readonly managerEmail?: string;
  readonly referredAt: Date;
  /** Empty = not urgent (rota route). */
  readonly urgent: readonly UrgentCriterion[];
  readonly longerSlot: boolean;
  readonly reason?: string;
  readonly invitees: readonly string[];
}

/** DOMAIN.md "Two routes": urgent (live section 47, no slot) or a slot on the rota. */
export type Route = 'urgent' | 'rota';

/** A request as kept: the request, its key, its route, who asked and when, and its urgent clock. */
export interface StoredRequest extends DiscussionRequest {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly route: Route;
  readonly requestedBy: Actor;
  readonly createdAt: Date;
  /** Urgent route: when the URGENT S47 ENQUIRY email went to the police referral unit. */
  readonly urgentSentAt?: Date;
  /** Urgent route: when the manager recorded that police made contact. */
  readonly policeContactAt?: Date;
  /** Urgent route: who recorded the police contact (their name, as Teams or the command line gave it). */
  readonly policeContactBy?: string;
  /** Urgent route: when police had not called in time and the manager was shown the escalation contacts. */
  readonly escalatedAt?: Date;
  /** Urgent route: the escalation level shown now (1 = the duty DS); each "could not reach" moves it on. */
  readonly escalationLevel?: number;
}
