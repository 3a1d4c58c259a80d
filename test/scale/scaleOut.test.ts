import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overlaps } from '../../scheduling/rules/Interval.js';
import { FakeGraph } from '../fakes/graph/FakeGraph.js';
import { createScratchDatabase, type ScratchDatabase } from '../fakes/testDb.js';
import { bookingIdPropertyId } from '../../scheduling/adapters/graph/bookingIdProperty.js';
import { graphEnv, testMailbox } from './graphEnv.js';
import { Worker } from './workers.js';
import pg from 'pg';

// Three service instances in separate processes, one PostgreSQL database, one (fake) Graph mailbox.
describe('scale-out: 50 simultaneous bookings from three processes on PostgreSQL and Graph', () => {
  let fake: FakeGraph;
  let database: ScratchDatabase;
  beforeAll(async () => {
    // Three processes of four calls each share a mailbox Graph serves four at a time, so calls are
    // throttled (429 with Retry-After) and retried. Graph's Retry-After is in whole seconds; a
    // tenth of a second here is far quicker. A call comes back when told until its 30 s budget
    // ends: while it came back at most ten times, one call on a loaded machine lost all eleven
    // races and its booking failed (about once in twenty whole-suite runs; GraphRetry.test.ts).
    fake = await new FakeGraph({ mailbox: testMailbox, settings: { latencyMs: 5, retryAfterSeconds: 0.1 } }).start();
    database = await createScratchDatabase('sd_scale');
  });
  afterAll(async () => {
    await fake?.close();
    await database?.drop();
  });

  it('gives every booking its own slot, fills the rota day first and rolls the rest on, with no overlaps', async () => {
    const env = { ...graphEnv(fake), DATABASE_URL: database.url };
    // Monday 23 November 2026 09:30: the rota day is Wednesday 25th (6 slots of 15 minutes).
    const common = { now: '2026-11-23T12:00:00Z', referred: '2026-11-23T09:30:00Z', env };
    const workers = [
      new Worker({ ...common, prefix: 'a', count: 17 }),
      new Worker({ ...common, prefix: 'b', count: 17 }),
      new Worker({ ...common, prefix: 'c', count: 16 }),
    ];
    await Promise.all(workers.map((w) => w.whenReady()));
    for (const w of workers) w.go();
    const results = (await Promise.all(workers.map((w) => w.results()))).flat();

    expect(results.filter((r) => r.error)).toEqual([]);
    expect(results).toHaveLength(50);
    expect(results.every((r) => r.status === 'booked')).toBe(true);
    const starts = results.map((r) => r.start!);
    expect(new Set(starts).size).toBe(50);
    expect(starts.filter((s) => s.startsWith('2026-11-25')).sort()).toEqual(['10:00', '10:15', '10:30', '10:45', '11:00', '11:15'].map((t) => `2026-11-25T${t}:00+00:00`));
    // The rest roll on over the following conference days (Fri 27th, Mon 30th, ...), none earlier.
    expect(starts.every((s) => s >= '2026-11-25')).toBe(true);
    expect(new Set(starts.map((s) => s.slice(0, 10))).size).toBe(Math.ceil(50 / 6));

    // The calendar read back: 50 live events of ours, each its booking's, none overlapping.
    const events = fake.events().filter((e) => !e.isCancelled);
    expect(events).toHaveLength(50);
    expect(new Set(events.map((e) => e.extendedProperties[bookingIdPropertyId]))).toEqual(new Set(results.map((r) => r.bookingId)));
    const spans = events.map((e) => ({ start: new Date(e.start), end: new Date(e.end) }));
    let overlapping = 0;
    for (let i = 0; i < spans.length; i++) for (let j = i + 1; j < spans.length; j++) if (overlaps(spans[i]!, spans[j]!)) overlapping++;
    expect(overlapping).toBe(0);
    expect(fake.sentMail().filter((m) => m.subject === 'Strategy discussion')).toHaveLength(50);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(`select status, count(*)::int as n from bookings group by status`);
      expect(rows).toEqual([{ status: 'booked', n: 50 }]);
      const cells = await client.query(`select count(*)::int as n from slot_cells`);
      expect(cells.rows[0].n).toBe(50);
    } finally {
      await client.end();
    }
  }, 180_000);
});
