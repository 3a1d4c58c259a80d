import { afterEach, describe, expect, it } from 'vitest';
import { manager, openTestDesk, requestInput, type TestDesk } from '../../fakes/testDesk.js';
import type { ActionSource } from '../../../scheduling/model/ActionSource.js';

/** The requester's own personal chat with the bot. */
const managersChat: ActionSource = { kind: 'teams', conversationId: 'a:manager-personal', conversationType: 'personal' };

let t: TestDesk | undefined;
afterEach(async () => {
  await t?.desk.close();
  t = undefined;
});

async function count(table: string): Promise<number> {
  const { rows } = await t!.desk.db.query<{ n: string }>(`select count(*) as n from ${table}`);
  return Number(rows[0]!.n);
}

describe('RequestIntake.submit', () => {
  it('returns the cancelled booking to a retried submit, booking nothing new', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z'); // Mon
    const first = await t.desk.intake.submit(requestInput(), manager, 'k1');
    if (first.route !== 'rota') throw new Error('expected the rota route');
    await t.desk.booking.cancel(first.booking.id, manager, managersChat, 'No longer needed');
    const cells = await count('slot_cells');
    const events = await count('local_calendar_events');
    const mails = await count('local_outbox');

    const again = await t.desk.intake.submit(requestInput(), manager, 'k1');
    if (again.route !== 'rota') throw new Error('expected the rota route');
    expect(again.replayed).toBe(true);
    expect(again.booking.id).toBe(first.booking.id);
    expect(again.booking.status).toBe('cancelled');
    expect(await count('bookings')).toBe(1);
    expect(await count('slot_cells')).toBe(cells);
    expect(cells).toBe(0);
    expect(await count('local_calendar_events')).toBe(events);
    expect(await count('local_outbox')).toBe(mails);
  });

  it('returns the moved booking to a retried submit after a move to a longer slot', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z');
    const first = await t.desk.intake.submit(requestInput(), manager, 'k1');
    if (first.route !== 'rota') throw new Error('expected the rota route');
    const moved = await t.desk.booking.rebook(first.booking.id, manager, managersChat, { longer: true });
    const again = await t.desk.intake.submit(requestInput(), manager, 'k1');
    if (again.route !== 'rota') throw new Error('expected the rota route');
    expect(again.booking.id).toBe(moved.id);
    expect(again.booking.status).toBe('booked');
  });

  it('books a retried submit whose first attempt found no room (nothing was ever booked)', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z', { ROTA_FILE: 'test/fixtures/rota-one-day.json' });
    await t.desk.intake.submit(requestInput(), manager, 'k1');
    await expect(t.desk.intake.submit(requestInput({ nNumbers: 'N200001' }), manager, 'k2')).rejects.toThrow(/no free conference slot/);
    const [taken] = await t.desk.stores.slots.listBookings({});
    await t.desk.booking.cancel(taken!.booking.id, manager, managersChat, 'Freed');
    const retried = await t.desk.intake.submit(requestInput({ nNumbers: 'N200001' }), manager, 'k2');
    if (retried.route !== 'rota') throw new Error('expected the rota route');
    expect(retried.booking.status).toBe('booked');
  });
});
