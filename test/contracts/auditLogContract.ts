import { describe, expect, it } from 'vitest';
import type { Db } from '../../scheduling/adapters/pg/Db.js';
import { actor, at, booking, cell, request, storesPerTest } from './storeFixtures.js';

/**
 * What every AuditLog adapter must do, whatever engine is under it. Run by
 * `test/scheduling/adapters/pg/SqlAuditLog.test.ts` on PGlite and on the PostgreSQL server. The other
 * stores of the same database set up what it needs (a request for a booking).
 */
export function auditLogContract(name: string, openDb: () => Promise<Db>): void {
  describe(`AuditLog contract: ${name}`, () => {
    const t = storesPerTest(openDb);

    it('audits every change with who, what, when, before and after, and never a surname', async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      await t.stores.slots.reserve(booking('b1', 'r1', [cell('10:00')]), [cell('10:00')], actor, at);
      await t.stores.slots.confirmBooking('b1', 'event-1', actor, at);
      await t.stores.slots.cancelBooking('b1', { id: 'aad-9', name: 'C. Brown' }, at, 'family moved');
      const trail = await t.stores.auditLog.auditTrail('b1');
      expect(trail.map((e) => e.action)).toEqual(['booking.reserved', 'booking.confirmed', 'booking.cancelled']);
      expect(trail[2]).toMatchObject({ actor: { id: 'aad-9' }, before: { status: 'booked' }, after: { status: 'cancelled', reason: 'family moved' } });
      expect(trail[0]!.at.toISOString()).toBe(at.toISOString());
      const everything = await t.db.query<{ row: unknown }>('select to_jsonb(a) as row from audit_log a');
      expect(everything.rows.length).toBe(4);
      expect(JSON.stringify(everything.rows)).not.toContain('Zanzibarova');
    });
  });
}
