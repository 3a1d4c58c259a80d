import { conversationKey } from '../../rules/conversationKey.js';
import type { Interval } from '../../rules/Interval.js';
import type { UrgentCriterion } from '../../rules/urgentCriteria.js';
import type {
  Actor,
  AuditEntry,
  Booking,
  BookingFilter,
  BookingStatus,
  CardPosting,
  DiscussionRequest,
  MailCheckDecision,
  MailClaim,
  MailLedgerState,
  ManagerRole,
  NewBooking,
  Route,
  Store,
  StoredRequest,
} from '../../ports/Store.js';
import type { Db, Sql } from './Db.js';

interface RequestRow {
  id: string;
  idempotency_key: string;
  route: Route;
  n_numbers: string[];
  child_surnames: string;
  manager_name: string;
  manager_role: ManagerRole;
  manager_phone: string;
  manager_email: string | null;
  referred_at: Date;
  urgent: UrgentCriterion[];
  longer_slot: boolean;
  reason: string | null;
  invitees: string[];
  requested_by_id: string;
  requested_by_name: string;
  created_at: Date;
  urgent_sent_at: Date | null;
  police_contact_at: Date | null;
}

interface BookingRow {
  id: string;
  request_id: string;
  calendar_id: string;
  status: BookingStatus;
  start_at: Date;
  end_at: Date;
  transaction_id: string;
  event_id: string | null;
  replaces: string | null;
  created_at: Date;
  updated_at: Date;
}

const asDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
const json = (value: unknown): string => JSON.stringify(value);

function toRequest(row: RequestRow): StoredRequest {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    route: row.route,
    nNumbers: row.n_numbers,
    childSurnames: row.child_surnames,
    managerName: row.manager_name,
    managerRole: row.manager_role,
    managerPhone: row.manager_phone,
    ...(row.manager_email ? { managerEmail: row.manager_email } : {}),
    referredAt: asDate(row.referred_at),
    urgent: row.urgent,
    longerSlot: row.longer_slot,
    ...(row.reason ? { reason: row.reason } : {}),
    invitees: row.invitees,
    requestedBy: { id: row.requested_by_id, name: row.requested_by_name },
    createdAt: asDate(row.created_at),
    ...(row.urgent_sent_at ? { urgentSentAt: asDate(row.urgent_sent_at) } : {}),
    ...(row.police_contact_at ? { policeContactAt: asDate(row.police_contact_at) } : {}),
  };
}

function toBooking(row: BookingRow): Booking {
  return {
    id: row.id,
    requestId: row.request_id,
    calendarId: row.calendar_id,
    status: row.status,
    start: asDate(row.start_at),
    end: asDate(row.end_at),
    transactionId: row.transaction_id,
    ...(row.event_id ? { eventId: row.event_id } : {}),
    ...(row.replaces ? { replaces: row.replaces } : {}),
    createdAt: asDate(row.created_at),
    updatedAt: asDate(row.updated_at),
  };
}

/** What the audit log keeps of a request: never the children's surnames, the reason or phone numbers. */
function auditedRequest(r: StoredRequest): Record<string, unknown> {
  return {
    route: r.route,
    nNumbers: r.nNumbers,
    referredAt: r.referredAt.toISOString(),
    urgent: r.urgent,
    longerSlot: r.longerSlot,
    managerRole: r.managerRole,
    invitees: r.invitees.length,
    ...(r.urgentSentAt ? { urgentSentAt: r.urgentSentAt.toISOString() } : {}),
    ...(r.policeContactAt ? { policeContactAt: r.policeContactAt.toISOString() } : {}),
  };
}

function auditedBooking(b: Booking): Record<string, unknown> {
  return { status: b.status, start: b.start.toISOString(), end: b.end.toISOString(), eventId: b.eventId ?? null, replaces: b.replaces ?? null };
}

interface MailKeyRow {
  key: string;
  claimed_at: Date;
  sent_at: Date | null;
  maybe_sent_at: Date | null;
  needs_checking_at: Date | null;
}

/** A mail ledger row's state: sent, held for a person, or claimed by a sender. */
function toMailState(row: MailKeyRow): MailLedgerState {
  if (row.sent_at) return { state: 'sent', at: asDate(row.sent_at) };
  if (row.needs_checking_at) return { state: 'needs-checking', since: asDate(row.needs_checking_at) };
  return { state: 'in-flight' };
}

/** Thrown inside a transaction to roll it back when a cell is taken; never escapes `reserve`. */
class CellTaken extends Error {}

/**
 * The store over PGlite or PostgreSQL (see `Db`): the same SQL for both. Double booking is
 * refused by the `slot_cells` primary key; a second live booking for one request by a partial
 * unique index. Every change writes its audit row in the same transaction.
 */
export class SqlStore implements Store {
  constructor(private readonly db: Db) {}

  async saveRequest(request: DiscussionRequest & { id: string; idempotencyKey: string; route: Route }, actor: Actor, at: Date): Promise<{ request: StoredRequest; created: boolean }> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query<RequestRow>(
        `insert into requests (id, idempotency_key, route, n_numbers, child_surnames, manager_name, manager_role, manager_phone,
           manager_email, referred_at, urgent, longer_slot, reason, invitees, requested_by_id, requested_by_name, created_at)
         values ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14::jsonb, $15, $16, $17)
         on conflict (idempotency_key) do nothing
         returning *`,
        [
          request.id,
          request.idempotencyKey,
          request.route,
          json(request.nNumbers),
          request.childSurnames,
          request.managerName,
          request.managerRole,
          request.managerPhone,
          request.managerEmail ?? null,
          request.referredAt,
          json(request.urgent),
          request.longerSlot,
          request.reason ?? null,
          json(request.invitees),
          actor.id,
          actor.name,
          at,
        ],
      );
      const row = inserted.rows[0];
      if (!row) {
        const first = await tx.query<RequestRow>('select * from requests where idempotency_key = $1', [request.idempotencyKey]);
        return { request: toRequest(first.rows[0]!), created: false };
      }
      const saved = toRequest(row);
      await this.write(tx, { at, actor, action: 'request.created', entity: 'request', entityId: saved.id, after: auditedRequest(saved) });
      return { request: saved, created: true };
    });
  }

  async getRequest(id: string): Promise<StoredRequest | undefined> {
    const { rows } = await this.db.query<RequestRow>('select * from requests where id = $1', [id]);
    return rows[0] && toRequest(rows[0]);
  }

  async findRequestByKey(idempotencyKey: string): Promise<StoredRequest | undefined> {
    const { rows } = await this.db.query<RequestRow>('select * from requests where idempotency_key = $1', [idempotencyKey]);
    return rows[0] && toRequest(rows[0]);
  }

  async heldCells(calendarId: string, from: Date, to: Date): Promise<readonly Interval[]> {
    const { rows } = await this.db.query<{ cell_start: Date; cell_end: Date }>(
      'select cell_start, cell_end from slot_cells where calendar_id = $1 and cell_start < $3 and cell_end > $2 order by cell_start',
      [calendarId, from, to],
    );
    return rows.map((r) => ({ start: asDate(r.cell_start), end: asDate(r.cell_end) }));
  }

  async reserve(booking: NewBooking, cells: readonly Interval[], actor: Actor, at: Date): Promise<boolean> {
    try {
      await this.db.transaction(async (tx) => {
        if (booking.replaces) await this.release(tx, booking.replaces, actor, at, 'moved to a new slot');
        const inserted = await tx.query(
          `insert into bookings (id, request_id, calendar_id, status, start_at, end_at, transaction_id, replaces, created_at, updated_at)
           values ($1, $2, $3, 'reserved', $4, $5, $6, $7, $8, $8)
           on conflict do nothing returning id`,
          [booking.id, booking.requestId, booking.calendarId, booking.start, booking.end, booking.transactionId, booking.replaces ?? null, at],
        );
        if (inserted.rows.length !== 1) throw new CellTaken(); // the request already holds a live slot
        // Cells in time order, so concurrent reservations lock rows in the same order.
        const sorted = [...cells].sort((a, b) => a.start.getTime() - b.start.getTime());
        for (const cell of sorted) {
          const taken = await tx.query(
            `insert into slot_cells (calendar_id, cell_start, cell_end, booking_id) values ($1, $2, $3, $4)
             on conflict (calendar_id, cell_start) do nothing returning booking_id`,
            [booking.calendarId, cell.start, cell.end, booking.id],
          );
          if (taken.rows.length !== 1) throw new CellTaken();
        }
        const reserved = await this.bookingIn(tx, booking.id);
        await this.write(tx, { at, actor, action: 'booking.reserved', entity: 'booking', entityId: booking.id, after: { ...auditedBooking(reserved), requestId: booking.requestId } });
      });
      return true;
    } catch (error) {
      if (error instanceof CellTaken) return false;
      throw error;
    }
  }

  async confirmBooking(bookingId: string, eventId: string, actor: Actor, at: Date): Promise<Booking> {
    return this.db.transaction(async (tx) => {
      const before = await this.bookingIn(tx, bookingId, true);
      if (before.status !== 'reserved') {
        if (before.eventId === eventId) return before; // confirmed already (a retry)
        throw new Error(`booking ${bookingId} is ${before.status}, not reserved`);
      }
      await tx.query(`update bookings set status = 'booked', event_id = $2, updated_at = $3 where id = $1`, [bookingId, eventId, at]);
      const after = await this.bookingIn(tx, bookingId);
      await this.write(tx, { at, actor, action: 'booking.confirmed', entity: 'booking', entityId: bookingId, before: auditedBooking(before), after: auditedBooking(after) });
      return after;
    });
  }

  async cancelBooking(bookingId: string, actor: Actor, at: Date, reason: string): Promise<Booking> {
    return this.db.transaction((tx) => this.release(tx, bookingId, actor, at, reason));
  }

  async getBooking(id: string): Promise<Booking | undefined> {
    const { rows } = await this.db.query<BookingRow>('select * from bookings where id = $1', [id]);
    return rows[0] && toBooking(rows[0]);
  }

  async currentBookingFor(requestId: string): Promise<Booking | undefined> {
    const { rows } = await this.db.query<BookingRow>(`select * from bookings where request_id = $1 and status <> 'cancelled'`, [requestId]);
    return rows[0] && toBooking(rows[0]);
  }

  async listBookings(filter: BookingFilter): Promise<ReadonlyArray<{ booking: Booking; request: StoredRequest }>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (filter.requestedBy !== undefined) add((p) => `r.requested_by_id = ${p}`, filter.requestedBy);
    if (filter.nNumber !== undefined) add((p) => `r.n_numbers @> jsonb_build_array(${p}::text)`, filter.nNumber);
    if (filter.statuses !== undefined) add((p) => `b.status in (select jsonb_array_elements_text(${p}::jsonb))`, json(filter.statuses));
    if (filter.from !== undefined) add((p) => `b.start_at >= ${p}`, filter.from);
    if (filter.postedIn !== undefined) add((p) => `exists (select 1 from card_postings cp where cp.request_id = r.id and cp.conversation_key = ${p})`, conversationKey(filter.postedIn));
    const { rows } = await this.db.query<BookingRow & { request: RequestRow }>(
      `select b.*, to_jsonb(r) as request from bookings b join requests r on r.id = b.request_id
       ${where.length ? `where ${where.join(' and ')}` : ''} order by b.start_at, b.created_at`,
      params,
    );
    return rows.map((row) => ({ booking: toBooking(row), request: toRequest(row.request) }));
  }

  async reservationsBefore(before: Date): Promise<readonly Booking[]> {
    const { rows } = await this.db.query<BookingRow>(`select * from bookings where status = 'reserved' and created_at < $1 order by created_at`, [before]);
    return rows.map(toBooking);
  }

  async bookingsBetween(calendarId: string, from: Date, to: Date): Promise<readonly Booking[]> {
    const { rows } = await this.db.query<BookingRow>('select * from bookings where calendar_id = $1 and start_at < $3 and end_at > $2 order by start_at', [calendarId, from, to]);
    return rows.map(toBooking);
  }

  async markUrgentSent(requestId: string, at: Date, actor: Actor): Promise<StoredRequest> {
    return this.stamp(requestId, 'urgent_sent_at', 'request.urgent-sent', at, actor);
  }

  async recordPoliceContact(requestId: string, at: Date, actor: Actor): Promise<StoredRequest> {
    return this.stamp(requestId, 'police_contact_at', 'request.police-contact', at, actor);
  }

  async claimMail(key: string, at: Date, reclaimBefore?: Date): Promise<MailClaim> {
    return this.db.transaction(async (tx) => {
      const fresh = await tx.query('insert into mail_keys (key, claimed_at) values ($1, $2) on conflict (key) do nothing returning key', [key, at]);
      if (fresh.rows.length === 1) return { state: 'claimed', earlierAttempt: false };
      const { rows } = await tx.query<MailKeyRow>('select * from mail_keys where key = $1 for update', [key]);
      const row = rows[0];
      // Given back between our insert and our read: another sender is at it again.
      if (!row) return { state: 'in-flight' };
      const state = toMailState(row);
      if (state.state !== 'in-flight' || asDate(row.claimed_at) >= (reclaimBefore ?? new Date(0))) return state;
      await tx.query('update mail_keys set claimed_at = $2 where key = $1', [key, at]);
      return { state: 'claimed', earlierAttempt: true };
    });
  }

  async markMailSent(key: string, at: Date): Promise<void> {
    await this.db.query('update mail_keys set sent_at = $2, needs_checking_at = null where key = $1', [key, at]);
  }

  async urgentRequestsUnsent(before: Date): Promise<readonly StoredRequest[]> {
    const { rows } = await this.db.query<RequestRow>(`select * from requests where route = 'urgent' and urgent_sent_at is null and created_at < $1 order by created_at`, [before]);
    return rows.map(toRequest);
  }

  async releaseMail(key: string): Promise<void> {
    await this.db.query('delete from mail_keys where key = $1 and sent_at is null', [key]);
  }

  async markMailMaybeSent(key: string, at: Date, reason: string, actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('update mail_keys set claimed_at = $2, maybe_sent_at = $2 where key = $1 and sent_at is null', [key, at]);
      await this.write(tx, { at, actor, action: 'mail.maybe-sent', entity: 'mail', entityId: key, after: { reason } });
    });
  }

  async markMailNeedsChecking(key: string, at: Date, reason: string, actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('update mail_keys set needs_checking_at = $2 where key = $1 and sent_at is null', [key, at]);
      await this.write(tx, { at, actor, action: 'mail.needs-checking', entity: 'mail', entityId: key, after: { reason } });
    });
  }

  async settleMailCheck(key: string, decision: MailCheckDecision, actor: Actor, at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<MailKeyRow>('select * from mail_keys where key = $1 for update', [key]);
      if (!rows[0]?.needs_checking_at || rows[0].sent_at) throw new Error(`mail ${key} is not held for checking`);
      if (decision === 'was-sent') await tx.query('update mail_keys set sent_at = $2, needs_checking_at = null where key = $1', [key, at]);
      else await tx.query('delete from mail_keys where key = $1', [key]);
      await this.write(tx, { at, actor, action: 'mail.check-settled', entity: 'mail', entityId: key, after: { decision } });
    });
  }

  async mailState(key: string): Promise<MailLedgerState | undefined> {
    const { rows } = await this.db.query<MailKeyRow>('select * from mail_keys where key = $1', [key]);
    return rows[0] && toMailState(rows[0]);
  }

  async mailsNeedingChecking(): Promise<ReadonlyArray<{ key: string; since: Date }>> {
    const { rows } = await this.db.query<MailKeyRow>('select * from mail_keys where needs_checking_at is not null and sent_at is null order by needs_checking_at, key');
    return rows.map((r) => ({ key: r.key, since: asDate(r.needs_checking_at!) }));
  }

  async saveConversationReference(userId: string, conversationId: string, reference: unknown, at: Date): Promise<void> {
    await this.db.query(
      `insert into conversation_refs (user_id, conversation_id, reference, updated_at) values ($1, $2, $3::jsonb, $4)
       on conflict (user_id, conversation_id) do update set reference = excluded.reference, updated_at = excluded.updated_at`,
      [userId, conversationId, json(reference), at],
    );
  }

  async conversationReferencesOf(userId: string): Promise<readonly unknown[]> {
    const { rows } = await this.db.query<{ reference: unknown }>('select reference from conversation_refs where user_id = $1 order by updated_at desc', [userId]);
    return rows.map((r) => r.reference);
  }

  async audit(entry: AuditEntry): Promise<void> {
    await this.write(this.db, entry);
  }

  async auditTrail(entityId: string): Promise<readonly AuditEntry[]> {
    const { rows } = await this.db.query<{ at: Date; actor_id: string; actor_name: string; action: string; entity: AuditEntry['entity']; entity_id: string; before: unknown; after: unknown }>(
      'select * from audit_log where entity_id = $1 order by seq',
      [entityId],
    );
    return rows.map((r) => ({
      at: asDate(r.at),
      actor: { id: r.actor_id, name: r.actor_name },
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      ...(r.before !== null ? { before: r.before } : {}),
      ...(r.after !== null ? { after: r.after } : {}),
    }));
  }

  // Who may act on a case, and what a retried request gets back.
  async lastBookingFor(requestId: string): Promise<Booking | undefined> {
    const { rows } = await this.db.query<BookingRow>(
      `select * from bookings where request_id = $1 order by (status <> 'cancelled') desc, created_at desc, updated_at desc limit 1`,
      [requestId],
    );
    return rows[0] && toBooking(rows[0]);
  }

  async recordCardPosting(posting: CardPosting, actor: Actor, at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `insert into card_postings (request_id, conversation_id, conversation_key, conversation_type, activity_id, posted_at)
         values ($1, $2, $3, $4, $5, $6) on conflict do nothing returning request_id`,
        [posting.requestId, posting.conversationId, conversationKey(posting.conversationId), posting.conversationType, posting.activityId, at],
      );
      if (inserted.rows.length === 0) return;
      const where = { conversationId: posting.conversationId, conversationType: posting.conversationType, activityId: posting.activityId };
      await this.write(tx, { at, actor, action: 'request.card-posted', entity: 'request', entityId: posting.requestId, after: where });
    });
  }

  async cardPostingsOf(requestId: string): Promise<readonly CardPosting[]> {
    const { rows } = await this.db.query<{ request_id: string; conversation_id: string; conversation_type: string; activity_id: string }>(
      'select request_id, conversation_id, conversation_type, activity_id from card_postings where request_id = $1 order by posted_at, seq',
      [requestId],
    );
    return rows.map((r) => ({ requestId: r.request_id, conversationId: r.conversation_id, conversationType: r.conversation_type, activityId: r.activity_id }));
  }

  close(): Promise<void> {
    return this.db.close();
  }

  private async write(sql: Sql, entry: AuditEntry): Promise<void> {
    await sql.query(
      'insert into audit_log (at, actor_id, actor_name, action, entity, entity_id, before, after) values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)',
      [entry.at, entry.actor.id, entry.actor.name, entry.action, entry.entity, entry.entityId, entry.before === undefined ? null : json(entry.before), entry.after === undefined ? null : json(entry.after)],
    );
  }

  private async bookingIn(tx: Sql, id: string, forUpdate = false): Promise<Booking> {
    const { rows } = await tx.query<BookingRow>(`select * from bookings where id = $1${forUpdate ? ' for update' : ''}`, [id]);
    if (!rows[0]) throw new Error(`booking ${id} not found`);
    return toBooking(rows[0]);
  }

  /** Cancels a booking and frees its cells, inside the caller's transaction. */
  private async release(tx: Sql, bookingId: string, actor: Actor, at: Date, reason: string): Promise<Booking> {
    const before = await this.bookingIn(tx, bookingId, true);
    if (before.status === 'cancelled') return before;
    await tx.query('delete from slot_cells where booking_id = $1', [bookingId]);
    await tx.query(`update bookings set status = 'cancelled', cancel_reason = $2, updated_at = $3 where id = $1`, [bookingId, reason, at]);
    const after = await this.bookingIn(tx, bookingId);
    await this.write(tx, { at, actor, action: 'booking.cancelled', entity: 'booking', entityId: bookingId, before: auditedBooking(before), after: { ...auditedBooking(after), reason } });
    return after;
  }

  private async stamp(requestId: string, column: 'urgent_sent_at' | 'police_contact_at', action: string, at: Date, actor: Actor): Promise<StoredRequest> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<RequestRow>(`select * from requests where id = $1 for update`, [requestId]);
      if (!rows[0]) throw new Error(`request ${requestId} not found`);
      const before = toRequest(rows[0]);
      if (rows[0][column]) return before; // the first time stands
      const updated = await tx.query<RequestRow>(`update requests set ${column} = $2 where id = $1 returning *`, [requestId, at]);
      const after = toRequest(updated.rows[0]!);
      await this.write(tx, { at, actor, action, entity: 'request', entityId: requestId, before: auditedRequest(before), after: auditedRequest(after) });
      return after;
    });
  }
}
