import type { Actor } from './Actor.js';
import type { PlainDate } from './PlainDate.js';

/**
 * The strategy discussion's record as the participants fill it in during the call: DOMAIN.md
 * "The action plan" and "The agenda", the seeds' "strategy meeting action plan summary" template
 * (003) and the audit's lessons (002). One plan per request; it is changed only under a version
 * check (`version` goes up by one with every change) and locked when finalised.
 *
 * Sensitive: `children` (names, addresses, dates of birth) are never logged and are shown only to
 * the discussion's participants (requester, invitees, people in attendance, meeting chat members).
 */
export interface DiscussionPlan {
  /** The discussion's id (`discussionId` in every plan card action). */
  readonly id: string;
  readonly requestId: string;
  /** The case's N numbers (from the request): what a shared conversation is shown. */
  readonly nNumbers: readonly string[];
  /** Goes up by one with every change; a card submit carries the version it was built from. */
  readonly version: number;
  readonly state: PlanState;
  readonly meeting: PlanMeeting;
  /** One block per child. */
  readonly children: readonly PlanChild[];
  readonly attendees: readonly PlanAttendee[];
  /** The invitees' email addresses from the request (participants: they may read and change the plan). */
  readonly invitees: readonly string[];
  /** Why the discussion is not quorate (required to finalise when it is not). */
  readonly notQuorateReason?: string;
  readonly presentingIssue?: string;
  /** Notes per agenda item (DOMAIN.md "The agenda", items 1-8). */
  readonly agendaNotes: readonly AgendaNote[];
  /** The child's wishes and feelings: how they will be ascertained (agenda item 5). */
  readonly wishesAndFeelings?: WishesAndFeelings;
  readonly actions: readonly PlanAction[];
  readonly decisions: readonly PlanDecision[];
  /** Risk scaling 0-10 per agency (0 = harm almost certain, 10 = safe enough to close). */
  readonly riskScaling: readonly RiskScale[];
  readonly createdAt: Date;
  readonly createdBy: Actor;
  readonly updatedAt: Date;
  readonly updatedBy: Actor;
  /** Set when finalised: the plan is locked from then on. */
  readonly finalisedAt?: Date;
  readonly finalisedBy?: Actor;
  /** When the full record (plan and agenda notes) was circulated to every attending agency. */
  readonly circulatedAt?: Date;
  /** Set when the chair said the discussion is running late: the likely delay in minutes. */
  readonly runningLate?: { readonly at: Date; readonly minutes: number };
}

/** `open` while it is being filled in; `final` once finalised (locked). */
export type PlanState = 'open' | 'final';

/** Where and when the discussion takes place. */
export interface PlanMeeting {
  readonly start: Date;
  /** `dial-in` (the conference line), `teams` (a Teams meeting), or anything typed (a room). */
  readonly venue: string;
  /** Why it is held when it is (the rota slot, urgent, a later slot because...). */
  readonly timingReason?: string;
}

export interface PlanChild {
  /** Stable within the plan (edits and removals name it). */
  readonly id: string;
  readonly name: string;
  readonly nNumber: string;
  readonly address?: string;
  readonly dateOfBirth?: PlainDate;
}

/** The agencies the quorum is counted in (DOMAIN.md "Quorate"). */
export type Agency = 'social-care' | 'police' | 'health' | 'education' | 'other';
export const agencies: readonly Agency[] = ['social-care', 'police', 'health', 'education', 'other'];

export interface PlanAttendee {
  readonly id: string;
  readonly name: string;
  readonly organisation: string;
  readonly agency: Agency;
  readonly role: string;
  /** Consulted but not attending. */
  readonly consulted: boolean;
  /** The template's signature column: confirmed as present. */
  readonly confirmed: boolean;
  /** Their Teams user id, when they added themselves from a card (participant rights follow it). */
  readonly userId?: string;
  /** Their email, when known (the record goes to every attending agency). */
  readonly email?: string;
}

/** The agenda's items (DOMAIN.md "The agenda"), by number. */
export type AgendaItem = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface AgendaNote {
  readonly item: AgendaItem;
  /** For item 3 (information from each agency): which agency; item 4: the child's id. */
  readonly about?: string;
  readonly text: string;
}

export interface WishesAndFeelings {
  readonly interpreter?: string;
  readonly advocate?: string;
  readonly where?: string;
  readonly notes?: string;
}

export interface PlanAction {
  readonly id: string;
  readonly text: string;
  /** Required to finalise (the Climbie lesson): who does it. Missing while the plan is being filled in. */
  readonly owner?: string;
  /** Required to finalise: by when. Missing while the plan is being filled in. */
  readonly due?: PlainDate;
  /** Optional timescale text ("within 24 hours", "before the conference"). */
  readonly timescale?: string;
  readonly done: boolean;
  /** The owner's Teams user id, when known: their action clock reminds them. */
  readonly ownerId?: string;
}

/** The decisions the record must hold, each with its rationale. */
export type DecisionId = 's47' | 'agency' | 'medical' | 'abe' | 'seen-alone' | 'family' | 'legal' | 'conference' | 'review' | 'timing';
export const decisionIds: readonly DecisionId[] = ['s47', 'agency', 'medical', 'abe', 'seen-alone', 'family', 'legal', 'conference', 'review', 'timing'];

/** The decisions in the record's words (DOMAIN.md "The action plan"), in the order they are listed: cards, refusals and the Word record say the same. */
export const decisionNames: Readonly<Record<DecisionId, string>> = {
  s47: 'Section 47 enquiry',
  agency: 'Joint or single agency enquiry, and who leads',
  medical: 'Medical assessment',
  abe: 'ABE interview',
  'seen-alone': 'When the child is seen alone',
  family: 'What is shared with the family',
  legal: 'Legal advice',
  conference: 'Child protection conference',
  review: 'Review date',
  timing: 'Timing of the discussion',
};

export interface PlanDecision {
  readonly id: DecisionId;
  /** The decision as typed or chosen ("yes", "joint - police lead", "2026-12-18", ...). */
  readonly value: string;
  /** Required: why. */
  readonly rationale: string;
}

/** The seed's risk-scaling headings. */
export interface RiskScale {
  readonly agency: Agency;
  /** 0 = harm almost certain, 10 = safe enough to close. */
  readonly score: number;
  readonly pastHarm?: string;
  readonly futureDanger?: string;
  readonly complicatingFactors?: string;
  readonly strengths?: string;
  readonly existingSafety?: string;
  readonly goals?: string;
}

/** Who a quorate discussion needs (DOMAIN.md "Quorate"): the social worker and their manager, police, health. */
export type QuorumMember = 'social-worker' | 'social-care-manager' | 'police' | 'health';

/** The live quorum line. */
export interface Quorum {
  readonly quorate: boolean;
  /** Who is missing, in the order above. */
  readonly missing: readonly QuorumMember[];
  /** The audit's lesson: health is the one most often missing; the card warns loudly. */
  readonly healthMissing: boolean;
}

/** Why a plan cannot be finalised yet, one per problem; `message` names the item (an action's text). */
export type FinaliseProblem =
  | { readonly kind: 'action.owner-missing'; readonly actionId: string; readonly message: string }
  | { readonly kind: 'action.due-missing'; readonly actionId: string; readonly message: string }
  | { readonly kind: 'decision.rationale-missing'; readonly decisionId: DecisionId; readonly message: string }
  | { readonly kind: 'quorum.reason-missing'; readonly missing: readonly QuorumMember[]; readonly message: string };

/** One of the seed's usual actions, offered for quick-add (scheduling/rules/usualActions.ts). */
export interface UsualAction {
  readonly id: string;
  /** A short label for a choice list. */
  readonly label: string;
  /** The action's text as added to the plan. */
  readonly text: string;
  /** Its usual timescale, when the seed gives one. */
  readonly timescale?: string;
}
