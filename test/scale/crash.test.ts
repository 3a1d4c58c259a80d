import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bookingIdPropertyId } from '../../scheduling/adapters/graph/bookingIdProperty.js';
import { loadConfig } from '../../app/config.js';
import { openDesk } from '../../app/openDesk.js';
import { FakeGraph } from '../fakes/graph/FakeGraph.js';
import { ManualClock } from '../fakes/ManualClock.js';
import { createScratchDatabase, seedDataDir } from '../fakes/testDb.js';
import { graphEnv, testMailbox } from './graphEnv.js';
import { Worker } from './workers.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

/**
 * kill -9 of a service instance while its "create event" call is in flight: the slot is reserved
 * in the store, and Graph has either not seen the create (`commit: false`) or makes the event after
 * the caller died (`commit: true`). A restart must leave nothing orphaned: one booking, one event,
 * one email, no reservation without an event and no event without a booking.
 */
describe('crash between reserve and create', () => {
  const cases = [
    { store: 'PostgreSQL', graphCommits: false },
    { store: 'embedded PGlite', graphCommits: true },
  ] as const;
  for (const { store, graphCommits } of cases) {
    it(`recovers on ${store} when Graph ${graphCommits ? 'made the event after the caller died' : 'never saw the create'}`, async () => {
      const fake = await new FakeGraph({ mailbox: testMailbox }).start();
      cleanups.push(() => fake.close());
      let storeEnv: Record<string, string>;
      if (store === 'PostgreSQL') {
        const database = await createScratchDatabase('sd_crash');
        cleanups.push(() => database.drop());
        storeEnv = { DATABASE_URL: database.url };
      } else {
        const dataDir = mkdtempSync(join(tmpdir(), 'sd-crash-'));
        cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
        seedDataDir(dataDir); // migrated, as after a first start: the crash is the subject here
        storeEnv = { DATA_DIR: dataDir };
      }
      const env = { ...graphEnv(fake), ...storeEnv, RESERVATION_TIMEOUT_SECONDS: '60' };

      fake.hold('createEvent');
      const worker = new Worker({ now: '2026-11-23T12:00:00Z', referred: '2026-11-23T09:30:00Z', prefix: 'x', count: 1, env });
      await worker.whenReady();
      worker.go();
      await fake.waitForHeld(1);
      worker.kill9();
      expect(await worker.exited).toBeNull(); // killed by the signal, not exited
      fake.release({ commit: graphCommits });
      // The held call now runs to its end inside the fake (its caller is gone).
      await vi.waitFor(() => expect(fake.events()).toHaveLength(graphCommits ? 1 : 0));

      // Restart: a new instance on the same store and calendar, a few minutes later.
      const clock = new ManualClock('2026-11-23T12:05:00Z');
      const desk = await openDesk(loadConfig({ ...env, LOG_LEVEL: 'silent' }), { clock, log: pino({ level: 'silent' }) });
      cleanups.push(() => desk.close());
      const [stale] = await desk.stores.slots.reservationsBefore(clock.now());
      expect(stale?.status).toBe('reserved');

      const report = await desk.reconciler.run();
      expect(report).toMatchObject({ finished: [stale!.id], failed: [], orphanEventsCancelled: [] });
      expect(await desk.stores.slots.reservationsBefore(clock.now())).toEqual([]);
      const booking = await desk.stores.slots.getBooking(stale!.id);
      expect(booking?.status).toBe('booked');
      const live = fake.events().filter((e) => !e.isCancelled);
      expect(live).toHaveLength(1);
      expect(live[0]!.id).toBe(booking!.eventId);
      expect(live[0]!.extendedProperties[bookingIdPropertyId]).toBe(stale!.id);
      expect(fake.sentMail().map((m) => m.subject)).toEqual(['Strategy discussion']);

      // A second run, or the manager retrying the same submit, changes nothing.
      expect(await desk.reconciler.run()).toMatchObject({ finished: [], rebooked: [], orphanEventsCancelled: [], mailsSent: [] });
      const retried = await desk.intake.submit({}, { id: 'x-manager', name: 'A. Jones' }, 'x-0');
      expect(retried).toMatchObject({ route: 'rota', replayed: true, booking: { id: stale!.id } });
      expect(fake.events()).toHaveLength(1);
    }, 120_000);
  }
});
