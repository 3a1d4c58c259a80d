import type { ActionSource } from './model/ActionSource.js';
import type { Actor } from './model/Actor.js';
import type { DiscussionPlan, FinaliseProblem, Quorum, UsualAction } from './model/DiscussionPlan.js';
import type { MailState } from './model/Mail.js';
import type { PlainDate } from './model/PlainDate.js';
import type { PlanChange } from './model/PlanChange.js';
import type { RecordDocumentKind } from './ports/RecordDocuments.js';
import type { PlanOutline } from './rules/redactPlan.js';

export type { PlanChange, PlanChangeVerb } from './model/PlanChange.js';
export { planChangeVerbs } from './model/PlanChange.js';
export type { RecordDocumentKind } from './ports/RecordDocuments.js';
export { FinaliseRefusedError, InvalidPlanChangeError, PlanLockedError, StalePlanError } from './services/errors.js';

/**
 * What a shared conversation may see of a plan: the case by N number only, and where the plan
 * stands. No child's name, address or date of birth, no typed text (notes, actions, the
 * presenting issue may name a child). Built by rules/redactPlan.ts.
 */
export type RedactedPlan = PlanOutline;

/**
 * What the viewer may see: `full` for the discussion's participants (the requester, the invitees,
 * people in the attendance, members of a shared conversation where the plan card was posted), with
 * the live quorum line and what still stops finalising; `redacted` (N numbers only) otherwise.
 */
export type PlanView =
  | {
      readonly sight: 'full';
      readonly plan: DiscussionPlan;
      readonly quorum: Quorum;
      readonly finaliseProblems: readonly FinaliseProblem[];
      /** The date by which an initial child protection conference, if convened, is held: 15 working days from the discussion. */
      readonly conferenceBy: PlainDate;
    }
  | { readonly sight: 'redacted'; readonly plan: RedactedPlan };

/** The answer to every plan command and query. */
export interface PlanResult {
  readonly view: PlanView;
  /** What a card standing in a shared conversation shows (always redacted). */
  readonly shared: RedactedPlan;
  /**
   * Teams user ids of the participants the desk knows by id (requester, attendees who added
   * themselves or were matched by email): the card's `refresh.userIds`. Members of the shared
   * conversation are participants too; the edge adds whom it knows there.
   */
  readonly participantIds: readonly string[];
  /** A change submitted on a stale version that did not conflict, applied on top of what changed since. */
  readonly merged?: boolean;
}

/** Finalise's answer: the locked plan and the summary mail to every attending agency (sent once). */
export interface FinalisedPlan extends PlanResult {
  /** The summary mail's state: `sent`, still `pending` (retried), or `needs-checking`; absent when no attending agency has an email. */
  readonly summaryMail?: MailState;
  /** The addresses it went to. */
  readonly summarySentTo: readonly string[];
}

/** Circulate's answer: the full record mailed to every attending agency; the minutes clock stopped. */
export interface CirculatedRecord extends PlanResult {
  readonly recordMail?: MailState;
  readonly recordSentTo: readonly string[];
}

/** Who was told that the discussion runs late: the requesters of the later booked slots that day. */
export interface RunningLateResult extends PlanResult {
  readonly minutes: number;
  readonly told: ReadonlyArray<{ readonly requestId: string; readonly bookingId: string; readonly start: Date }>;
}

/** A date and time typed for a discussion without a booked slot (urgent: "Record the discussion"). */
export interface TypedMeeting {
  /** `YYYY-MM-DD` */
  readonly meetingDate: string;
  /** `HH:MM`, UK time */
  readonly meetingTime: string;
  readonly meetingVenue?: string;
}

/** The discussion record as a document (the `RecordDocuments` port's output). */
export interface RecordDocument {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

/**
 * The shared action plan (issue 9): the plan's commands and queries. `Desk` extends it, so the one
 * front door stays `Desk`. Every command and query on a plan takes the actor and where the action
 * came from; only participants may read or change a plan: everyone else gets `NotPermittedError`
 * (entity `discussion`) and the refusal is audited.
 *
 * Errors (services/errors.ts): `NotFoundError` ('discussion' or 'request'), `NotPermittedError`,
 * `InvalidPlanChangeError` (each bad input by its id), `StalePlanError` (stale and conflicting;
 * carries the current plan), `PlanLockedError` (finalised; audited), `FinaliseRefusedError`
 * (each problem named).
 */
export interface DiscussionDesk {
  /**
   * The plan of a request, opened if it has none yet (one plan per request; a repeat returns the
   * same plan): one child block per N number (the surname typed on the request prefills the
   * name), the meeting's start and venue from the booking, or `typed` when there is no booked slot
   * (an urgent request: "Record the discussion"), the invitees from the request.
   * @throws NotFoundError, NotPermittedError, InvalidPlanChangeError (a bad typed date or time, by field)
   */
  openPlan(requestId: string, actor: Actor, from: ActionSource, typed?: TypedMeeting): Promise<PlanResult>;
  /** The plan as stored now. @throws NotFoundError, NotPermittedError */
  viewPlan(discussionId: string, actor: Actor, from: ActionSource): Promise<PlanResult>;
  /**
   * The plan of the latest request naming this N number (the command line's `record --case`).
   * @throws NotFoundError ('discussion': no plan for that N number), NotPermittedError
   */
  planOfCase(nNumber: string, actor: Actor, from: ActionSource): Promise<PlanResult>;
  /**
   * Applies one change to the stored plan under a version check. `version` is the one the card
   * was built from: when it is behind, the change is merged on top of what changed since if it
   * does not conflict (`merged: true`), otherwise refused with the current plan.
   * @throws NotFoundError, NotPermittedError, InvalidPlanChangeError, StalePlanError, PlanLockedError
   */
  changePlan(discussionId: string, version: number, change: PlanChange, actor: Actor, from: ActionSource): Promise<PlanResult>;
  /**
   * Finalises the plan (`plan.finalise`): refused, naming each problem, until every action has an
   * owner and a date, every decision its rationale, and the attendance is quorate or carries a
   * reason. Then the plan is locked, action clocks start for actions whose owner is known by id,
   * and the action plan summary (the 'summary' document attached) goes once to every attending
   * agency's email. A repeat on a finalised plan returns it unchanged.
   * @throws NotFoundError, NotPermittedError, StalePlanError (version behind), FinaliseRefusedError
   */
  finalisePlan(discussionId: string, version: number, actor: Actor, from: ActionSource): Promise<FinalisedPlan>;
  /**
   * Circulates the full record (`plan.circulate`; the 'record' document) to every attending
   * agency, once; stops the record (minutes) clock. Only a finalised plan.
   * @throws NotFoundError, NotPermittedError, ConflictError (not finalised yet)
   */
  circulateRecord(discussionId: string, actor: Actor, from: ActionSource): Promise<CirculatedRecord>;
  /**
   * The chair says the discussion runs late (`plan.running-late`, `lateMinutes` 1-240): the
   * requesters of the next booked slots that day are told at once, with the likely delay.
   * @throws NotFoundError, NotPermittedError, InvalidPlanChangeError (lateMinutes)
   */
  runningLate(discussionId: string, minutes: number, actor: Actor, from: ActionSource): Promise<RunningLateResult>;
  /** The record as a document ('summary' or 'record'), for a participant or the command line (`--docx`). @throws NotFoundError, NotPermittedError */
  planDocument(discussionId: string, kind: RecordDocumentKind, actor: Actor, from: ActionSource): Promise<RecordDocument>;
  /** The seed's usual actions, for quick-add (`plan.action.quick-add` with `usualActionId`). */
  usualActions(): readonly UsualAction[];

  // For the system (the notifier, a card posted in a shared conversation), not for a person: no access check.
  /** What a card standing in a shared conversation shows of the plan (N numbers only) and who gets the full view on refresh. @throws NotFoundError */
  sharedPlan(discussionId: string): Promise<{ readonly shared: RedactedPlan; readonly participantIds: readonly string[] }>;
}
