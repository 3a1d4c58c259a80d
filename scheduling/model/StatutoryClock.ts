/**
 * The clocks the product keeps for a case (DOMAIN.md "Clocks the product keeps"):
 * - `minutes`: the record circulated to all participants after the discussion is held;
 * - `s47-outcome`: the section 47 record outcome, by working day 3 after s47 is decided;
 * - `conference`: the initial child protection conference, within 15 working days, when convened;
 * - `s47-enquiry`: the section 47 enquiry completed, within 15 working days;
 * - `action`: an action's completion date (one clock per action, `subject` = the action's id).
 * The urgent route's one-hour police contact clock is kept on the request itself (its escalation).
 */
export type ClockKind = 'minutes' | 's47-outcome' | 'conference' | 's47-enquiry' | 'action';

export const clockKinds: readonly ClockKind[] = ['minutes', 's47-outcome', 'conference', 's47-enquiry', 'action'];

/** Which clock: one per kind per request, and one per action. Ids only, never a name. */
export interface ClockId {
  readonly requestId: string;
  readonly kind: ClockKind;
  /** The action's id for an `action` clock; '' for the others. */
  readonly subject: string;
}

/** A clock as kept. */
export interface StatutoryClock extends ClockId {
  /** Who is reminded (a Teams user id): the requester, or the action's owner. */
  readonly ownerId: string;
  readonly startedAt: Date;
  readonly due: Date;
  /** `stopped` once what it waits for is done (the record circulated, the outcome recorded...). */
  readonly state: 'running' | 'stopped';
  readonly stoppedAt?: Date;
  /** When the reminder before the due time went. */
  readonly remindedAt?: Date;
  /** When the overdue notice went. */
  readonly overdueAt?: Date;
}

/** A clock with the N numbers of its case: what `my deadlines` lists. */
export interface Deadline extends StatutoryClock {
  readonly nNumbers: readonly string[];
}
