import type { FieldErrors } from '../rules/discussionRequest.js';
import type { PlainDate } from '../model/PlainDate.js';
import type { DiscussionPlan, FinaliseProblem } from '../model/DiscussionPlan.js';

/**
 * A failure a caller must handle, with a stable `code` that only the edges (bot, CLI, HTTP) turn
 * into an answer. Messages never carry a child's name.
 */
export abstract class DeskError extends Error {
  abstract readonly code: string;
}

/** The request's input is not valid; `fields` names each bad field. */
export class InvalidRequestError extends DeskError {
  readonly code = 'request.invalid';
  constructor(readonly fields: FieldErrors) {
    super(Object.entries(fields).map(([field, message]) => `${field}: ${message}`).join('; '));
    this.name = 'InvalidRequestError';
  }
}

/** No conference day within the rota's search window has room. */
export class NoSlotError extends DeskError {
  readonly code = 'slot.no-room';
  constructor(readonly from: PlainDate, readonly searchDays: number) {
    super(`no free conference slot within ${searchDays} days from ${from}`);
    this.name = 'NoSlotError';
  }
}

export class NotFoundError extends DeskError {
  readonly code = 'not-found';
  constructor(readonly what: 'booking' | 'request' | 'discussion', readonly id: string) {
    super(`${what} ${id} not found`);
    this.name = 'NotFoundError';
  }
}

/** The action does not fit the record's state (e.g. police contact on a rota request). */
export class ConflictError extends DeskError {
  readonly code = 'state.conflict';
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/**
 * The actor may not act on this case from where they are (scheduling/rules/mayActOnCase.ts). The
 * refusal is audited; its message names the action and ids only, never anything of the case.
 */
export class NotPermittedError extends DeskError {
  readonly code = 'access.refused';
  constructor(readonly action: string, readonly entity: 'booking' | 'request' | 'discussion', readonly id: string) {
    super(`not permitted: ${action} on ${entity} ${id}`);
    this.name = 'NotPermittedError';
  }
}

/** A Graph notification body the desk cannot read (not a batch); the edge answers 400. */
export class InvalidNotificationError extends DeskError {
  readonly code = 'notification.invalid';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidNotificationError';
  }
}

/**
 * A plan change was made on a stale copy (its `version` is behind the stored plan's) and it
 * conflicts with what changed since (it edits or removes something changed or removed since).
 * Nothing was changed; `current` is the plan as stored, so the edge shows it with the message.
 * A stale change that does not conflict is merged, never refused.
 */
export class StalePlanError extends DeskError {
  readonly code = 'plan.stale';
  constructor(readonly discussionId: string, readonly submittedVersion: number, readonly current: DiscussionPlan, readonly reason: string) {
    super(`discussion ${discussionId} changed since version ${submittedVersion} (now ${current.version}): ${reason}`);
    this.name = 'StalePlanError';
  }
}

/** The plan is finalised (locked): no change is taken. The attempt is audited. */
export class PlanLockedError extends DeskError {
  readonly code = 'plan.locked';
  constructor(readonly discussionId: string) {
    super(`discussion ${discussionId} is finalised: the plan is locked`);
    this.name = 'PlanLockedError';
  }
}

/**
 * Finalise refused: `problems` names each one for the participants (an action without owner or date
 * by its text, ...). The error's own message carries kinds and ids only (it may reach a log).
 */
export class FinaliseRefusedError extends DeskError {
  readonly code = 'plan.finalise-refused';
  constructor(readonly discussionId: string, readonly problems: readonly FinaliseProblem[]) {
    super(`discussion ${discussionId} cannot be finalised: ${problems.map((p) => p.kind).join(', ')}`);
    this.name = 'FinaliseRefusedError';
  }
}

/** A plan change's inputs are not valid; `fields` names each bad input by its id (`actionDue`, ...). */
export class InvalidPlanChangeError extends DeskError {
  readonly code = 'plan.invalid';
  constructor(readonly fields: Readonly<Record<string, string>>) {
    super(Object.entries(fields).map(([field, message]) => `${field}: ${message}`).join('; '));
    this.name = 'InvalidPlanChangeError';
  }
}
