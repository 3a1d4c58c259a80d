import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../scheduling/adapters/pg/Db.js';
import { migrate } from '../../scheduling/adapters/pg/migrate.js';
import { SqlStore } from '../../scheduling/adapters/pg/SqlStore.js';
import type { Actor, DiscussionRequest, NewBooking, Route } from '../../scheduling/ports/Store.js';
import type { Interval } from '../../scheduling/rules/Interval.js';

const actor: Actor = { id: 'aad-1', name: 'A. Jones' };
const at = new Date('2026-11-23T12:00:00Z');
const CAL = 'strategy@council.example.org';

const request = (id: string, key = `key-${id}`, route: Route = 'rota'): DiscussionRequest & { id: string; idempotencyKey: string; route: Route } => ({
  id,
  idempotencyKey: key,
  route,
  nNumbers: ['N146782'],
  childSurnames: 'Zanzibarova',
  managerName: 'A. Jones',
  managerRole: 'TM',
  managerPhone: '01604 123456',
  referredAt: new Date('2026-11-23T09:30:00Z'),
  urgent: [],
  longerSlot: false,
  invitees: ['nurse@health.example.org'],
});

const cell = (hhmm: string, minutes = 15): Interval => {
  const start = new Date(`2026-11-25T${hhmm}:00Z`);
  return { start, end: new Date(start.getTime() + minutes * 60_000) };
};
const booking = (id: string, requestId: string, cells: Interval[], replaces?: string): NewBooking => ({
  id,
  requestId,
  calendarId: CAL,
  transactionId: `tx-${id}`,
  start: cells[0]!.start,
  end: cells[cells.length - 1]!.end,
  ...(replaces ? { replaces } : {}),
});

/**
 * What every Store adapter must do, whatever engine is under it. Run by
 * `test/scheduling/adapters/pg/SqlStore.test.ts` on PGlite and on the PostgreSQL server.
 */
export function storeContract(name: string, openDb: () => Promise<Db>): void {
  describe(`Store contract: ${name}`, () => {
    let db: Db;
    let store: SqlStore;
    beforeEach(async () => {
      db = await openDb();
      await migrate(db);
      store = new SqlStore(db);
    });
    afterEach(async () => {
      await store.close();
    });

    it('saves a request once per idempotency key', async () => {
      const first = await store.saveRequest(request('r1', 'same'), actor, at);
      const again = await store.saveRequest({ ...request('r2', 'same'), nNumbers: ['N999999'] }, actor, at);
      expect(first.created).toBe(true);
      expect(again).toMatchObject({ created: false, request: { id: 'r1', nNumbers: ['N146782'] } });
      expect((await store.findRequestByKey('same'))?.id).toBe('r1');
      expect((await store.getRequest('r1'))?.referredAt.toISOString()).toBe('2026-11-23T09:30:00.000Z');
    });

    it('lets only one booking hold a cell, and writes nothing for the loser', async () => {
      await store.saveRequest(request('r1'), actor, at);
      await store.saveRequest(request('r2'), actor, at);
      expect(await store.reserve(booking('b1', 'r1', [cell('10:00'), cell('10:15')]), [cell('10:00'), cell('10:15')], actor, at)).toBe(true);
      expect(await store.reserve(booking('b2', 'r2', [cell('10:15')]), [cell('10:15')], actor, at)).toBe(false);
      expect(await store.getBooking('b2')).toBeUndefined();
      expect((await store.heldCells(CAL, cell('09:00').start, cell('12:00').start)).map((c) => c.start.toISOString())).toEqual(['2026-11-25T10:00:00.000Z', '2026-11-25T10:15:00.000Z']);
      expect(await store.reserve(booking('b3', 'r2', [cell('10:30')]), [cell('10:30')], actor, at)).toBe(true);
    });

    it('keeps cells apart per calendar', async () => {
      await store.saveRequest(request('r1'), actor, at);
      await store.saveRequest(request('r2'), actor, at);
      expect(await store.reserve(booking('b1', 'r1', [cell('10:00')]), [cell('10:00')], actor, at)).toBe(true);
      expect(await store.reserve({ ...booking('b2', 'r2', [cell('10:00')]), calendarId: 'other@council.example.org' }, [cell('10:00')], actor, at)).toBe(true);
    });

    it('refuses a second live booking for one request', async () => {
      await store.saveRequest(request('r1'), actor, at);
      expect(await store.reserve(booking('b1', 'r1', [cell('10:00')]), [cell('10:00')], actor, at)).toBe(true);
      expect(await store.reserve(booking('b2', 'r1', [cell('10:30')]), [cell('10:30')], actor, at)).toBe(false);
      expect((await store.currentBookingFor('r1'))?.id).toBe('b1');
      expect(await store.heldCells(CAL, cell('10:30').start, cell('10:30').end)).toEqual([]);
    });

    it('confirms a reservation once and frees its cells on cancel', async () => {
      await store.saveRequest(request('r1'), actor, at);
      await store.reserve(booking('b1', 'r1', [cell('10:00')]), [cell('10:00')], actor, at);
      expect((await store.reservationsBefore(new Date(at.getTime() + 1))).map((b) => b.id)).toEqual(['b1']);
      const booked = await store.confirmBooking('b1', 'event-1', actor, at);
      expect(booked).toMatchObject({ status: 'booked', eventId: 'event-1' });
      expect(await store.confirmBooking('b1', 'event-1', actor, at)).toMatchObject({ status: 'booked' }); // a retry
      expect(await store.reservationsBefore(new Date(at.getTime() + 1))).toEqual([]);
      const cancelled = await store.cancelBooking('b1', actor, at, 'no longer needed');
      expect(cancelled.status).toBe('cancelled');
      expect(await store.cancelBooking('b1', actor, at, 'again')).toMatchObject({ status: 'cancelled' });
      expect(await store.heldCells(CAL, cell('10:00').start, cell('10:00').end)).toEqual([]);
      expect(await store.currentBookingFor('r1')).toBeUndefined();
      await expect(store.confirmBooking('b1', 'event-2', actor, at)).rejects.toThrow(/cancelled/);
    });

    it('moves a booking in one transaction when the new one replaces it', async () => {
      await store.saveRequest(request('r1'), actor, at);
      await store.reserve(booking('b1', 'r1', [cell('10:00')]), [cell('10:00')], actor, at);
      // The longer slot grows in place: it may take the old booking's own cell.
      expect(await store.reserve(booking('b2', 'r1', [cell('10:00'), cell('10:15')], 'b1'), [cell('10:00'), cell('10:15')], actor, at)).toBe(true);
      expect((await store.getBooking('b1'))?.status).toBe('cancelled');
      expect(await store.getBooking('b2')).toMatchObject({ status: 'reserved', replaces: 'b1' });
    });

    it('keeps the old booking when the move fails', async () => {
      await store.saveRequest(request('r1'), actor, at);
      await store.saveRequest(request('r2'), actor, at);
      await store.reserve(booking('b1', 'r1', [cell('10:00')]), [cell('10:00')], actor, at);
      await store.reserve(booking('x', 'r2', [cell('10:15')]), [cell('10:15')], actor, at);
      expect(await store.reserve(booking('b2', 'r1', [cell('10:00'), cell('10:15')], 'b1'), [cell('10:00'), cell('10:15')], actor, at)).toBe(false);
      expect((await store.getBooking('b1'))?.status).toBe('reserved');
      expect((await store.heldCells(CAL, cell('10:00').start, cell('10:00').end)).length).toBe(1);
    });

    it('lists bookings with their requests by requester, N number, status and start', async () => {
      await store.saveRequest(request('r1'), actor, at);
      await store.saveRequest({ ...request('r2'), nNumbers: ['N200001', 'N200002'] }, { id: 'aad-2', name: 'B. Smith' }, at);
      await store.reserve(booking('b1', 'r1', [cell('10:00')]), [cell('10:00')], actor, at);
      await store.reserve(booking('b2', 'r2', [cell('10:15')]), [cell('10:15')], actor, at);
      await store.cancelBooking('b1', actor, at, 'test');
      expect((await store.listBookings({ requestedBy: 'aad-2' })).map((x) => x.booking.id)).toEqual(['b2']);
      expect((await store.listBookings({ nNumber: 'N200002' })).map((x) => x.request.id)).toEqual(['r2']);
      expect((await store.listBookings({ statuses: ['reserved', 'booked'] })).map((x) => x.booking.id)).toEqual(['b2']);
      expect((await store.listBookings({ from: cell('10:15').start })).map((x) => x.booking.id)).toEqual(['b2']);
      expect((await store.listBookings({})).length).toBe(2);
      expect((await store.bookingsBetween(CAL, cell('10:00').start, cell('10:15').start)).map((b) => b.id)).toEqual(['b1']);
    });

    it('stamps the urgent email and the police contact once', async () => {
      await store.saveRequest(request('u1', 'ku', 'urgent'), actor, at);
      const later = new Date(at.getTime() + 60_000);
      expect((await store.markUrgentSent('u1', at, actor)).urgentSentAt?.toISOString()).toBe(at.toISOString());
      expect((await store.markUrgentSent('u1', later, actor)).urgentSentAt?.toISOString()).toBe(at.toISOString());
      expect((await store.recordPoliceContact('u1', later, actor)).policeContactAt?.toISOString()).toBe(later.toISOString());
      expect((await store.recordPoliceContact('u1', new Date(later.getTime() + 1), actor)).policeContactAt?.toISOString()).toBe(later.toISOString());
    });

    it('claims a mail key once, and again after it is released', async () => {
      expect(await store.claimMail('m1', at)).toEqual({ state: 'claimed', earlierAttempt: false });
      expect(await store.claimMail('m1', at)).toEqual({ state: 'in-flight' });
      await store.releaseMail('m1');
      expect(await store.claimMail('m1', at)).toEqual({ state: 'claimed', earlierAttempt: false });
    });

    it('lets a stale unsent claim be taken again, as an earlier attempt, but never a sent one', async () => {
      const later = new Date(at.getTime() + 600_000);
      expect(await store.claimMail('m1', at)).toMatchObject({ state: 'claimed' });
      expect(await store.claimMail('m1', later, at)).toEqual({ state: 'in-flight' }); // claimed at `at`, not before it
      expect(await store.claimMail('m1', later, new Date(at.getTime() + 1))).toEqual({ state: 'claimed', earlierAttempt: true }); // its sender died
      await store.markMailSent('m1', later);
      expect(await store.claimMail('m1', new Date(later.getTime() + 600_000), new Date(later.getTime() + 300_000))).toEqual({ state: 'sent', at: later });
      expect(await store.mailState('m1')).toEqual({ state: 'sent', at: later });
      expect(await store.mailState('never')).toBeUndefined();
    });

    it('keeps a maybe-sent mail claimed for a lease counted from the failure, and audits it', async () => {
      const failedAt = new Date(at.getTime() + 60_000);
      await store.claimMail('m1', at);
      await store.markMailMaybeSent('m1', failedAt, 'HTTP 503 ServiceUnavailable', actor);
      expect(await store.claimMail('m1', failedAt, new Date(at.getTime() + 1))).toEqual({ state: 'in-flight' });
      expect(await store.claimMail('m1', failedAt, new Date(failedAt.getTime() + 1))).toEqual({ state: 'claimed', earlierAttempt: true });
      expect(await store.auditTrail('m1')).toMatchObject([{ action: 'mail.maybe-sent', entity: 'mail', entityId: 'm1', actor, after: { reason: 'HTTP 503 ServiceUnavailable' } }]);
    });

    it('holds a mail for a person: no sender may claim it, it is listed until settled, and each step is audited', async () => {
      const later = new Date(at.getTime() + 600_000);
      await store.claimMail('m1', at);
      await store.markMailNeedsChecking('m1', at, 'sent mail could not be read', actor);
      expect(await store.claimMail('m1', later, later)).toEqual({ state: 'needs-checking', since: at });
      expect(await store.mailState('m1')).toEqual({ state: 'needs-checking', since: at });
      expect(await store.mailsNeedingChecking()).toEqual([{ key: 'm1', since: at }]);
      await store.settleMailCheck('m1', 'send-again', { id: 'aad-9', name: 'C. Brown' }, later);
      expect(await store.mailsNeedingChecking()).toEqual([]);
      expect(await store.claimMail('m1', later)).toEqual({ state: 'claimed', earlierAttempt: false });
      await store.markMailNeedsChecking('m1', later, 'sent mail could not be read', actor);
      await store.settleMailCheck('m1', 'was-sent', { id: 'aad-9', name: 'C. Brown' }, later);
      expect(await store.mailState('m1')).toEqual({ state: 'sent', at: later });
      const trail = await store.auditTrail('m1');
      expect(trail.map((e) => e.action)).toEqual(['mail.needs-checking', 'mail.check-settled', 'mail.needs-checking', 'mail.check-settled']);
      expect(trail[1]).toMatchObject({ actor: { id: 'aad-9' }, after: { decision: 'send-again' } });
    });

    it('finds urgent requests whose email is not recorded as sent', async () => {
      await store.saveRequest(request('u1', 'k1', 'urgent'), actor, at);
      await store.saveRequest(request('u2', 'k2', 'urgent'), actor, at);
      await store.saveRequest(request('r1', 'k3', 'rota'), actor, at);
      await store.markUrgentSent('u2', at, actor);
      expect((await store.urgentRequestsUnsent(new Date(at.getTime() + 1))).map((r) => r.id)).toEqual(['u1']);
      expect(await store.urgentRequestsUnsent(at)).toEqual([]);
    });

    it('keeps conversation references per user and conversation, newest first', async () => {
      await store.saveConversationReference('aad-1', 'c1', { conversation: { id: 'c1' }, serviceUrl: 'https://a' }, at);
      await store.saveConversationReference('aad-1', 'c2', { conversation: { id: 'c2' } }, new Date(at.getTime() + 1000));
      await store.saveConversationReference('aad-1', 'c1', { conversation: { id: 'c1' }, serviceUrl: 'https://b' }, new Date(at.getTime() + 2000));
      expect(await store.conversationReferencesOf('aad-1')).toEqual([{ conversation: { id: 'c1' }, serviceUrl: 'https://b' }, { conversation: { id: 'c2' } }]);
      expect(await store.conversationReferencesOf('nobody')).toEqual([]);
    });

    it('audits every change with who, what, when, before and after, and never a surname', async () => {
      await store.saveRequest(request('r1'), actor, at);
      await store.reserve(booking('b1', 'r1', [cell('10:00')]), [cell('10:00')], actor, at);
      await store.confirmBooking('b1', 'event-1', actor, at);
      await store.cancelBooking('b1', { id: 'aad-9', name: 'C. Brown' }, at, 'family moved');
      const trail = await store.auditTrail('b1');
      expect(trail.map((e) => e.action)).toEqual(['booking.reserved', 'booking.confirmed', 'booking.cancelled']);
      expect(trail[2]).toMatchObject({ actor: { id: 'aad-9' }, before: { status: 'booked' }, after: { status: 'cancelled', reason: 'family moved' } });
      expect(trail[0]!.at.toISOString()).toBe(at.toISOString());
      const everything = await db.query<{ row: unknown }>('select to_jsonb(a) as row from audit_log a');
      expect(everything.rows.length).toBe(4);
      expect(JSON.stringify(everything.rows)).not.toContain('Zanzibarova');
    });
  });
}
