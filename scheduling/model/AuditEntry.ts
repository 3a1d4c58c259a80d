import type { Actor } from './Actor.js';

/** One line of the audit trail: who did what to which record, and when. Never a child's name. */
export interface AuditEntry {
  readonly at: Date;
  readonly actor: Actor;
  readonly action: string;
  readonly entity: 'request' | 'booking' | 'event' | 'mail' | 'discussion';
  readonly entityId: string;
  /** State before and after, without children's names. */
  readonly before?: unknown;
  readonly after?: unknown;
}
