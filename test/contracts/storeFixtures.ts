import { afterEach, beforeEach } from 'vitest';
import type { Db } from '../../scheduling/adapters/pg/Db.js';
import { migrate } from '../../scheduling/adapters/pg/migrate.js';
import { sqlStores, type Stores } from '../../scheduling/adapters/pg/sqlStores.js';
import type { Actor } from '../../scheduling/model/Actor.js';
import type { DiscussionRequest, Route } from '../../scheduling/model/DiscussionRequest.js';
import type { NewBooking } from '../../scheduling/model/Booking.js';
import type { Interval } from '../../scheduling/model/Interval.js';

// Records the store contract suites share (one request, one calendar, 15-minute cells).

export const actor: Actor = { id: 'aad-1', name: 'A. Jones' };
export const at = new Date('2026-11-23T12:00:00Z');
export const CAL = 'strategy@council.example.org';

export const request = (id: string, key = `key-${id}`, route: Route = 'rota'): DiscussionRequest & { id: string; idempotencyKey: string; route: Route } => ({
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

export const cell = (hhmm: string, minutes = 15): Interval => {
  const start = new Date(`2026-11-25T${hhmm}:00Z`);
  return { start, end: new Date(start.getTime() + minutes * 60_000) };
};
export const booking = (id: string, requestId: string, cells: Interval[], replaces?: string): NewBooking => ({
  id,
  requestId,
  calendarId: CAL,
  transactionId: `tx-${id}`,
  start: cells[0]!.start,
  end: cells[cells.length - 1]!.end,
  ...(replaces ? { replaces } : {}),
});

/** A migrated database and its stores, fresh for each test of the calling `describe`. */
export interface StoresUnderTest {
  readonly db: Db;
  readonly stores: Stores;
}

/** Opens a fresh migrated database with `openDb` before each test and closes it after. */
export function storesPerTest(openDb: () => Promise<Db>): StoresUnderTest {
  const current = {} as { db: Db; stores: Stores };
  beforeEach(async () => {
    current.db = await openDb();
    await migrate(current.db);
    current.stores = sqlStores(current.db);
  });
  afterEach(async () => {
    await current.db.close();
  });
  return current;
}
