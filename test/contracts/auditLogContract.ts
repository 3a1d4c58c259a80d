import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../scheduling/adapters/pg/Db.js';
import { migrate } from '../../scheduling/adapters/pg/migrate.js';
import { sqlStores, type Stores } from '../../scheduling/adapters/pg/sqlStores.js';
import { actor, at, booking, CAL, cell, request } from './storeFixtures.js';

/**
 * What every AuditLog adapter must do, whatever engine is under it. Run by
 * `test/scheduling/adapters/pg/SqlAuditLog.test.ts` on PGlite and on the PostgreSQL server. The other
 * stores of the same database set up what it needs (a request for a booking).
 */
export function auditLogContract(name: string, openDb: () => Promise<Db>): void {
  describe(`AuditLog contract: ${name}`, () => {
    let db: Db;
    let stores: Stores;
    beforeEach(async () => {
      db = await openDb();
      await migrate(db);
      stores = sqlStores(db);
    });
    afterEach(async () => {
      await db.close();
    });

    it('audits every change with who, what, when, before and after, and never a surname', async () => {
      await stores.requests.saveRequest(request('r1'), actor, at);
      await stores.slots.reserve(booking('b1', 'r1', [cell('10:00')]), [cell('10:00')], actor, at);
      await stores.slots.confirmBooking('b1', 'event-1', actor, at);
      await stores.slots.cancelBooking('b1', { id: 'aad-9', name: 'C. Brown' }, at, 'family moved');
      const trail = await stores.auditLog.auditTrail('b1');
      expect(trail.map((e) => e.action)).toEqual(['booking.reserved', 'booking.confirmed', 'booking.cancelled']);
      expect(trail[2]).toMatchObject({ actor: { id: 'aad-9' }, before: { status: 'booked' }, after: { status: 'cancelled', reason: 'family moved' } });
      expect(trail[0]!.at.toISOString()).toBe(at.toISOString());
      const everything = await db.query<{ row: unknown }>('select to_jsonb(a) as row from audit_log a');
      expect(everything.rows.length).toBe(4);
      expect(JSON.stringify(everything.rows)).not.toContain('Zanzibarova');
    });
  });
}
