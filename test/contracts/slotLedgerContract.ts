import { describe, expect, it } from 'vitest';
import type { Db } from '../../scheduling/adapters/pg/Db.js';
import { actor, at, booking, CAL, cell, request, storesPerTest } from './storeFixtures.js';

/**
 * What every SlotLedger adapter must do, whatever engine is under it. Run by
 * `test/scheduling/adapters/pg/SqlSlotLedger.test.ts` on PGlite and on the PostgreSQL server. The other
 * stores of the same database set up what it needs (a request for a booking).
 */
export function slotLedgerContract(name: string, openDb: () => Promise<Db>): void {
  describe(`SlotLedger contract: ${name}`, () => {
    const t = storesPerTest(openDb);

    it('lets only one booking hold a cell, and writes nothing for the loser', async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      await t.stores.requests.saveRequest(request('r2'), actor, at);
      expect(await t.stores.slots.reserve(booking('b1', 'r1', [cell('10:00'), cell('10:15')]), [cell('10:00'), cell('10:15')], actor, at)).toBe(true);
      expect(await t.stores.slots.reserve(booking('b2', 'r2', [cell('10:15')]), [cell('10:15')], actor, at)).toBe(false);
      expect(await t.stores.slots.getBooking('b2')).toBeUndefined();
      expect((await t.stores.slots.heldCells(CAL, cell('09:00').start, cell('12:00').start)).map((c) => c.start.toISOString())).toEqual(['2026-11-25T10:00:00.000Z', '2026-11-25T10:15:00.000Z']);
      expect(await t.stores.slots.reserve(booking('b3', 'r2', [cell('10:30')]), [cell('10:30')], actor, at)).toBe(true);
    });

    it('keeps cells apart per calendar', async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      await t.stores.requests.saveRequest(request('r2'), actor, at);
      expect(await t.stores.slots.reserve(booking('b1', 'r1', [cell('10:00')]), [cell('10:00')], actor, at)).toBe(true);
      expect(await t.stores.slots.reserve({ ...booking('b2', 'r2', [cell('10:00')]), calendarId: 'other@council.example.org' }, [cell('10:00')], actor, at)).toBe(true);
    });

    it('refuses a second live booking for one request', async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      expect(await t.stores.slots.reserve(booking('b1', 'r1', [cell('10:00')]), [cell('10:00')], actor, at)).toBe(true);
      expect(await t.stores.slots.reserve(booking('b2', 'r1', [cell('10:30')]), [cell('10:30')], actor, at)).toBe(false);
      expect((await t.stores.slots.currentBookingFor('r1'))?.id).toBe('b1');
      expect(await t.stores.slots.heldCells(CAL, cell('10:30').start, cell('10:30').end)).toEqual([]);
    });

    it('confirms a reservation once and frees its cells on cancel', async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      await t.stores.slots.reserve(booking('b1', 'r1', [cell('10:00')]), [cell('10:00')], actor, at);
      expect((await t.stores.slots.reservationsBefore(new Date(at.getTime() + 1))).map((b) => b.id)).toEqual(['b1']);
      const booked = await t.stores.slots.confirmBooking('b1', 'event-1', actor, at);
      expect(booked).toMatchObject({ status: 'booked', eventId: 'event-1' });
      expect(await t.stores.slots.confirmBooking('b1', 'event-1', actor, at)).toMatchObject({ status: 'booked' }); // a retry
      expect(await t.stores.slots.reservationsBefore(new Date(at.getTime() + 1))).toEqual([]);
      const cancelled = await t.stores.slots.cancelBooking('b1', actor, at, 'no longer needed');
      expect(cancelled.status).toBe('cancelled');
      expect(await t.stores.slots.cancelBooking('b1', actor, at, 'again')).toMatchObject({ status: 'cancelled' });
      expect(await t.stores.slots.heldCells(CAL, cell('10:00').start, cell('10:00').end)).toEqual([]);
      expect(await t.stores.slots.currentBookingFor('r1')).toBeUndefined();
      await expect(t.stores.slots.confirmBooking('b1', 'event-2', actor, at)).rejects.toThrow(/cancelled/);
    });

    it("keeps a Teams meeting's join URL with the confirmed booking, and none on the conference line", async () => {
      const joinUrl = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_ZGVm%40thread.v2/0?context=%7b%7d';
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      await t.stores.requests.saveRequest(request('r2'), actor, at);
      await t.stores.slots.reserve(booking('b1', 'r1', [cell('10:00')]), [cell('10:00')], actor, at);
      await t.stores.slots.reserve(booking('b2', 'r2', [cell('10:30')]), [cell('10:30')], actor, at);
      expect(await t.stores.slots.confirmBooking('b1', 'event-1', actor, at, joinUrl)).toMatchObject({ status: 'booked', joinUrl });
      expect((await t.stores.slots.currentBookingFor('r1'))?.joinUrl).toBe(joinUrl);
      expect((await t.stores.slots.confirmBooking('b2', 'event-2', actor, at)).joinUrl).toBeUndefined();
      expect((await t.stores.slots.getBooking('b2'))?.joinUrl).toBeUndefined();
    });

    it('moves a booking in one transaction when the new one replaces it', async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      await t.stores.slots.reserve(booking('b1', 'r1', [cell('10:00')]), [cell('10:00')], actor, at);
      // The longer slot grows in place: it may take the old booking's own cell.
      expect(await t.stores.slots.reserve(booking('b2', 'r1', [cell('10:00'), cell('10:15')], 'b1'), [cell('10:00'), cell('10:15')], actor, at)).toBe(true);
      expect((await t.stores.slots.getBooking('b1'))?.status).toBe('cancelled');
      expect(await t.stores.slots.getBooking('b2')).toMatchObject({ status: 'reserved', replaces: 'b1' });
    });

    it('keeps the old booking when the move fails', async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      await t.stores.requests.saveRequest(request('r2'), actor, at);
      await t.stores.slots.reserve(booking('b1', 'r1', [cell('10:00')]), [cell('10:00')], actor, at);
      await t.stores.slots.reserve(booking('x', 'r2', [cell('10:15')]), [cell('10:15')], actor, at);
      expect(await t.stores.slots.reserve(booking('b2', 'r1', [cell('10:00'), cell('10:15')], 'b1'), [cell('10:00'), cell('10:15')], actor, at)).toBe(false);
      expect((await t.stores.slots.getBooking('b1'))?.status).toBe('reserved');
      expect((await t.stores.slots.heldCells(CAL, cell('10:00').start, cell('10:00').end)).length).toBe(1);
    });

    it('lists bookings with their requests by requester, N number, status and start', async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      await t.stores.requests.saveRequest({ ...request('r2'), nNumbers: ['N200001', 'N200002'] }, { id: 'aad-2', name: 'B. Smith' }, at);
      await t.stores.slots.reserve(booking('b1', 'r1', [cell('10:00')]), [cell('10:00')], actor, at);
      await t.stores.slots.reserve(booking('b2', 'r2', [cell('10:15')]), [cell('10:15')], actor, at);
      await t.stores.slots.cancelBooking('b1', actor, at, 'test');
      expect((await t.stores.slots.listBookings({ requestedBy: 'aad-2' })).map((x) => x.booking.id)).toEqual(['b2']);
      expect((await t.stores.slots.listBookings({ nNumber: 'N200002' })).map((x) => x.request.id)).toEqual(['r2']);
      expect((await t.stores.slots.listBookings({ statuses: ['reserved', 'booked'] })).map((x) => x.booking.id)).toEqual(['b2']);
      expect((await t.stores.slots.listBookings({ from: cell('10:15').start })).map((x) => x.booking.id)).toEqual(['b2']);
      expect((await t.stores.slots.listBookings({})).length).toBe(2);
      expect((await t.stores.slots.bookingsBetween(CAL, cell('10:00').start, cell('10:15').start)).map((b) => b.id)).toEqual(['b1']);
    });

    it('lets a booking follow its event moved by hand: new times, new cells, old cells free, audited', async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      await t.stores.slots.reserve(booking('b1', 'r1', [cell('10:00'), cell('10:15')]), [cell('10:00'), cell('10:15')], actor, at);
      await t.stores.slots.confirmBooking('b1', 'event-1', actor, at);
      const to = cell('11:00');
      const { booking: moved, cellsNotHeld } = await t.stores.slots.followEvent('b1', to, [to], actor, at);
      expect(moved).toMatchObject({ id: 'b1', status: 'booked', eventId: 'event-1', start: to.start, end: to.end });
      expect(cellsNotHeld).toEqual([]);
      const held = await t.stores.slots.heldCells(CAL, cell('09:00').start, cell('12:00').start);
      expect(held.map((c) => c.start.toISOString())).toEqual(['2026-11-25T11:00:00.000Z']);
      const trail = await t.stores.auditLog.auditTrail('b1');
      expect(trail.at(-1)).toMatchObject({ action: 'booking.moved-by-hand', before: { start: cell('10:00').start.toISOString() }, after: { start: to.start.toISOString() } });
    });

    it('never gives a moved booking a cell another booking holds', async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      await t.stores.requests.saveRequest(request('r2'), actor, at);
      await t.stores.slots.reserve(booking('b1', 'r1', [cell('10:00')]), [cell('10:00')], actor, at);
      await t.stores.slots.confirmBooking('b1', 'event-1', actor, at);
      await t.stores.slots.reserve(booking('b2', 'r2', [cell('10:30')]), [cell('10:30')], actor, at);
      const to = { start: cell('10:15').start, end: cell('10:30', 30).end }; // 10:15-11:00 over b2's 10:30
      const { cellsNotHeld } = await t.stores.slots.followEvent('b1', to, [cell('10:15'), cell('10:30'), cell('10:45')], actor, at);
      expect(cellsNotHeld.map((c) => c.start.toISOString())).toEqual(['2026-11-25T10:30:00.000Z']);
      expect((await t.stores.slots.heldCells(CAL, cell('10:30').start, cell('10:30').end)).length).toBe(1);
      const held = await t.stores.slots.heldCells(CAL, cell('09:00').start, cell('12:00').start);
      expect(held.map((c) => c.start.toISOString())).toEqual(['2026-11-25T10:15:00.000Z', '2026-11-25T10:30:00.000Z', '2026-11-25T10:45:00.000Z']);
      await t.stores.slots.cancelBooking('b2', actor, at, 'test');
      expect((await t.stores.slots.heldCells(CAL, cell('10:30').start, cell('10:30').end)).length).toBe(0); // b2's cell was never b1's
    });

    it('refuses to move a booking that is not booked', async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      await t.stores.slots.reserve(booking('b1', 'r1', [cell('10:00')]), [cell('10:00')], actor, at);
      await expect(t.stores.slots.followEvent('b1', cell('11:00'), [cell('11:00')], actor, at)).rejects.toThrow(/reserved, not booked/);
    });
  });
}
