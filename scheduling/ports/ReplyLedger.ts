import type { Actor } from '../model/Actor.js';
import type { AttendeeStatus } from '../model/ConferenceEvent.js';

/** What the desk last saw of a booking's event, and what the manager chose about it. */
export interface SeenEvent {
  /** Every attendee with their reply and its time, as last read from the calendar. */
  readonly attendees: readonly AttendeeStatus[];
  readonly seenAt: Date;
  /** When the manager chose to keep the slot the police declined: the desk stops asking. */
  readonly keptAt?: Date;
}

/**
 * The replies ledger: per booking, the attendees and replies last seen on its event, so a reply is
 * told once however often the calendar is read, and the manager's choice to keep a declined slot.
 * Adapter: `SqlReplyLedger` (PGlite or PostgreSQL); contract: test/contracts/replyLedgerContract.ts.
 * Every change writes its audit entry in the same transaction.
 */
export interface ReplyLedger {
  /** What was last seen of the booking's event; undefined before its first read. */
  lastSeen(bookingId: string): Promise<SeenEvent | undefined>;
  /**
   * Records the attendees as read at `at` (replacing what was seen; a kept choice stays), and
   * audits each of `answered` (the answers new since last seen) as `invite.answered`.
   */
  recordSeen(bookingId: string, attendees: readonly AttendeeStatus[], answered: readonly AttendeeStatus[], actor: Actor, at: Date): Promise<void>;
  /**
   * The manager keeps the slot after a decline: recorded and audited (`booking.kept`) once.
   * @returns false when it was kept already (nothing written).
   */
  keepSlot(bookingId: string, actor: Actor, at: Date): Promise<boolean>;
}
