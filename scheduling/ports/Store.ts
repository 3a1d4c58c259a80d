import type { Interval } from '../rules/Interval.js';
import type { UrgentCriterion } from '../rules/urgentCriteria.js';

/** Who did something: a Teams user (AAD object id) or a CLI user. Never a child. */
export interface Actor {
  readonly id: string;
  readonly name: string;
}

export type ManagerRole = 'TM' | 'PM';

/** A request for a strategy discussion, validated (see `discussionRequest.ts`). */
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

export type Route = 'urgent' | 'rota';

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
}

export type BookingStatus = 'reserved' | 'booked' | 'cancelled';

/** A slot held for a request in the shared calendar. */
export interface Booking extends Interval {
  readonly id: string;
  readonly requestId: string;
  /** The calendar (shared mailbox address) the slot is in. */
  readonly calendarId: string;
  readonly status: BookingStatus;
  /** Graph transactionId used to create its event; stable across retries. */
  readonly transactionId: string;
  readonly eventId?: string;
  /** The booking this one replaced (rebook). */
  readonly replaces?: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewBooking extends Interval {
  readonly id: string;
  readonly requestId: string;
  readonly calendarId: string;
  readonly transactionId: string;
  readonly replaces?: string;
}

export interface AuditEntry {
  readonly at: Date;
  readonly actor: Actor;
  readonly action: string;
  readonly entity: 'request' | 'booking' | 'event' | 'mail';
  readonly entityId: string;
  /** State before and after, without children's names. */
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface BookingFilter {
  readonly requestedBy?: string;
  readonly nNumber?: string;
  readonly statuses?: readonly BookingStatus[];
  /** Bookings whose slot starts at or after this instant. */
  readonly from?: Date;
  /** Bookings whose request has a card posted in this conversation (a channel counts as one, whatever the thread). */
  readonly postedIn?: string;
}

/** Where a card about a request was posted: the members of a shared conversation holding one may act on the request. */
export interface CardPosting {
  readonly requestId: string;
  readonly conversationId: string;
  /** Teams' `conversationType`: `personal`, `groupChat` or `channel`. */
  readonly conversationType: string;
  /** The posted activity, so later features can update the card. */
  readonly activityId: string;
}

/** Where a claimed mail stands: being sent (by someone), sent, or held for a person to check. */
export type MailLedgerState =
  | { readonly state: 'in-flight' }
  | { readonly state: 'sent'; readonly at: Date }
  | { readonly state: 'needs-checking'; readonly since: Date };

/**
 * The answer to a mail claim: this caller holds it (`earlierAttempt`: an earlier sender claimed it
 * and never settled it, so it may have gone - look in sent mail first), or the mail's state.
 */
export type MailClaim = { readonly state: 'claimed'; readonly earlierAttempt: boolean } | MailLedgerState;

/** A person's decision on a mail held for checking. */
export type MailCheckDecision = 'was-sent' | 'send-again';

/**
 * Durable state: requests, bookings and the slot cells they hold, the audit trail, mail keys.
 * No double booking is enforced here: each diary cell of a calendar is one row under a unique
 * key, so two bookings can never hold the same cell, whatever the callers do.
 * Adapters: `SqlStore` over PGlite (embedded) or PostgreSQL (`DATABASE_URL`).
 * Every mutating method writes its audit entry in the same transaction.
 */
export interface Store {
  /** Saves a request under its idempotency key; the same key again returns the first, `created: false`. */
  saveRequest(request: DiscussionRequest & { id: string; idempotencyKey: string; route: Route }, actor: Actor, at: Date): Promise<{ request: StoredRequest; created: boolean }>;
  getRequest(id: string): Promise<StoredRequest | undefined>;
  findRequestByKey(idempotencyKey: string): Promise<StoredRequest | undefined>;

  /** Cells held by reserved or booked bookings of `calendarId` that overlap [from, to). */
  heldCells(calendarId: string, from: Date, to: Date): Promise<readonly Interval[]>;
  /**
   * Takes every cell for a new booking (status `reserved`) in one transaction: all or nothing.
   * If `booking.replaces` is set, that booking's cells are released in the same transaction (rebook).
   * @returns false when any cell is already held; nothing is written then.
   */
  reserve(booking: NewBooking, cells: readonly Interval[], actor: Actor, at: Date): Promise<boolean>;
  /** Records the event created for a reserved booking: status `booked`. */
  confirmBooking(bookingId: string, eventId: string, actor: Actor, at: Date): Promise<Booking>;
  /** Cancels a booking and frees its cells. Cancelling a cancelled booking returns it unchanged. */
  cancelBooking(bookingId: string, actor: Actor, at: Date, reason: string): Promise<Booking>;
  getBooking(id: string): Promise<Booking | undefined>;
  /** The live (reserved or booked) booking of a request, if any. */
  currentBookingFor(requestId: string): Promise<Booking | undefined>;
  listBookings(filter: BookingFilter): Promise<ReadonlyArray<{ booking: Booking; request: StoredRequest }>>;
  /** Bookings still `reserved` (no event recorded) that were reserved before `before`. */
  reservationsBefore(before: Date): Promise<readonly Booking[]>;
  /** Bookings in [from, to) with an event recorded or not, any status: for reconciling the calendar. */
  bookingsBetween(calendarId: string, from: Date, to: Date): Promise<readonly Booking[]>;

  markUrgentSent(requestId: string, at: Date, actor: Actor): Promise<StoredRequest>;
  /** Urgent requests saved before `before` whose URGENT S47 ENQUIRY email is not recorded as sent. */
  urgentRequestsUnsent(before: Date): Promise<readonly StoredRequest[]>;
  /** Records the police contact on an urgent request (first one wins; a repeat returns the first). */
  recordPoliceContact(requestId: string, at: Date, actor: Actor): Promise<StoredRequest>;

  /**
   * Claims a mail by key, so one sender at a time may send it (see `MailClaim`). A claim older
   * than `reclaimBefore` that was never settled (its sender died, or its send may have gone) can
   * be taken again, as an earlier attempt.
   */
  claimMail(key: string, at: Date, reclaimBefore?: Date): Promise<MailClaim>;
  /** Records that the claimed mail went out (at `at`): it is never sent again. */
  markMailSent(key: string, at: Date): Promise<void>;
  /** Gives a claimed mail key back after a send that certainly failed, so a retry can send it. */
  releaseMail(key: string): Promise<void>;
  /**
   * Records a send that may have gone (an ambiguous failure): the claim stays, its lease counted
   * again from `at`, so nobody sends before it ends, and the next sender looks in sent mail first.
   */
  markMailMaybeSent(key: string, at: Date, reason: string, actor: Actor): Promise<void>;
  /** Holds a mail nobody can tell went or not for a person: no sender may claim it until settled. */
  markMailNeedsChecking(key: string, at: Date, reason: string, actor: Actor): Promise<void>;
  /** A person's decision on a held mail: it went (recorded sent), or send it again (key given back). */
  settleMailCheck(key: string, decision: MailCheckDecision, actor: Actor, at: Date): Promise<void>;
  /** Where a mail stands in the ledger: undefined when it was never claimed or was given back. */
  mailState(key: string): Promise<MailLedgerState | undefined>;
  /** Mails held for a person to check, oldest first. */
  mailsNeedingChecking(): Promise<ReadonlyArray<{ readonly key: string; readonly since: Date }>>;

  /**
   * Keeps the Teams conversation reference of a user's chat with the bot (one per user and
   * conversation), so later features can message the manager proactively.
   */
  saveConversationReference(userId: string, conversationId: string, reference: unknown, at: Date): Promise<void>;
  /** The user's most recently used conversation references, newest first. */
  conversationReferencesOf(userId: string): Promise<readonly unknown[]>;

  audit(entry: AuditEntry): Promise<void>;
  auditTrail(entityId: string): Promise<readonly AuditEntry[]>;

  // Who may act on a case (scheduling/rules/mayActOnCase.ts) and what a retried request gets back.
  /** The request's live booking, or else its most recently cancelled one; undefined if it never had one. */
  lastBookingFor(requestId: string): Promise<Booking | undefined>;
  /** Records where a card about a request was posted (or updated in place); a repeat is a no-op. Audited once. */
  recordCardPosting(posting: CardPosting, actor: Actor, at: Date): Promise<void>;
  /** Where cards about the request were posted, oldest first. */
  cardPostingsOf(requestId: string): Promise<readonly CardPosting[]>;

  close(): Promise<void>;
}
