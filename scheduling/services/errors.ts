import type { FieldErrors } from '../rules/discussionRequest.js';
import type { PlainDate } from '../model/PlainDate.js';

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
  constructor(readonly what: 'booking' | 'request', readonly id: string) {
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
  constructor(readonly action: string, readonly entity: 'booking' | 'request', readonly id: string) {
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
