import type { Actor } from '../../model/Actor.js';
import type { Booking, NewBooking } from '../../model/Booking.js';
import type { StoredRequest } from '../../model/DiscussionRequest.js';
import type { Interval } from '../../model/Interval.js';
import { conversationKey } from '../../rules/conversationKey.js';
import type { BookingFilter } from '../../ports/SlotLedger.js';
import { asDate, auditedBooking, json, toBooking, toRequest, writeAudit, type BookingRow, type RequestRow } from './sqlRows.js';
import type { SlotLedger } from '../../ports/SlotLedger.js';
import type { Db, Sql } from './Db.js';

/** Thrown inside a transaction to roll it back when a cell is taken; never escapes `reserve`. */
class CellTaken extends Error {}

/**
 * The slot ledger over PGlite or PostgreSQL: bookings and the diary cells they hold. Double booking is refused by the `slot_cells` primary key; a second live booking for one request by a partial unique index. Every change writes its audit row in the same transaction.
 */
export class SqlSlotLedger implements SlotLedger {
  constructor(private readonly db: Db) {}

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
        await writeAudit(tx, { at, actor, action: 'booking.reserved', entity: 'booking', entityId: booking.id, after: { ...auditedBooking(reserved), requestId: booking.requestId } });
      });
      return true;
    } catch (error) {
      if (error instanceof CellTaken) return false;
      throw error;
    }
  }

  async confirmBooking(bookingId: string, eventId: string, actor: Actor, at: Date, joinUrl?: string): Promise<Booking> {
    return this.db.transaction(async (tx) => {
      const before = await this.bookingIn(tx, bookingId, true);
      if (before.status !== 'reserved') {
        if (before.eventId === eventId) return before; // confirmed already (a retry)
        throw new Error(`booking ${bookingId} is ${before.status}, not reserved`);
      }
      await tx.query(`update bookings set status = 'booked', event_id = $2, updated_at = $3, join_url = $4 where id = $1`, [bookingId, eventId, at, joinUrl ?? null]);
      const after = await this.bookingIn(tx, bookingId);
      await writeAudit(tx, { at, actor, action: 'booking.confirmed', entity: 'booking', entityId: bookingId, before: auditedBooking(before), after: auditedBooking(after) });
      return after;
    });
  }

  async followEvent(bookingId: string, to: Interval, cells: readonly Interval[], actor: Actor, at: Date): Promise<{ booking: Booking; cellsNotHeld: readonly Interval[] }> {
    return this.db.transaction(async (tx) => {
      const before = await this.bookingIn(tx, bookingId, true);
      if (before.status !== 'booked') throw new Error(`booking ${bookingId} is ${before.status}, not booked`);
      await tx.query('delete from slot_cells where booking_id = $1', [bookingId]);
      await tx.query('update bookings set start_at = $2, end_at = $3, updated_at = $4 where id = $1', [bookingId, to.start, to.end, at]);
      const cellsNotHeld: Interval[] = [];
      for (const cell of [...cells].sort((a, b) => a.start.getTime() - b.start.getTime())) {
        const taken = await tx.query(
          `insert into slot_cells (calendar_id, cell_start, cell_end, booking_id) values ($1, $2, $3, $4)
           on conflict (calendar_id, cell_start) do nothing returning booking_id`,
          [before.calendarId, cell.start, cell.end, bookingId],
        );
        if (taken.rows.length !== 1) cellsNotHeld.push(cell);
      }
      const after = await this.bookingIn(tx, bookingId);
      const notHeld = cellsNotHeld.map((c) => c.start.toISOString());
      await writeAudit(tx, { at, actor, action: 'booking.moved-by-hand', entity: 'booking', entityId: bookingId, before: auditedBooking(before), after: { ...auditedBooking(after), ...(notHeld.length ? { cellsHeldByOthers: notHeld } : {}) } });
      return { booking: after, cellsNotHeld };
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

  // Who may act on a case, and what a retried request gets back.
  async lastBookingFor(requestId: string): Promise<Booking | undefined> {
    const { rows } = await this.db.query<BookingRow>(
      `select * from bookings where request_id = $1 order by (status <> 'cancelled') desc, created_at desc, updated_at desc limit 1`,
      [requestId],
    );
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
    await writeAudit(tx, { at, actor, action: 'booking.cancelled', entity: 'booking', entityId: bookingId, before: auditedBooking(before), after: { ...auditedBooking(after), reason } });
    return after;
  }
}
