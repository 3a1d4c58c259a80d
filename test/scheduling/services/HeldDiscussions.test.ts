import { afterEach, describe, expect, it } from 'vitest';
import type { ActionSource } from '../../../scheduling/model/ActionSource.js';
import { manager, openTestDesk, requestInput, type TestDesk } from '../../fakes/testDesk.js';

let t: TestDesk | undefined;
afterEach(async () => {
  await t?.desk.close();
  t = undefined;
});

const personal: ActionSource = { kind: 'teams', conversationId: 'a:manager', conversationType: 'personal' };
const HOUR = 3_600_000;
const minutesClockOf = (requestId: string) => t!.desk.stores.clocks.getClock({ requestId, kind: 'minutes', subject: '' });

describe('HeldDiscussions: the record clock starts when a booked slot is held', () => {
  it('starts the record clock from the slot start once the slot has begun, and not before', async () => {
    t = await openTestDesk('2026-11-23T09:40:00Z'); // Monday
    const outcome = await t.desk.submitRequest(requestInput({ referredAt: '2026-11-23T09:30' }), manager, 'held-1');
    if (outcome.route !== 'rota') throw new Error(`expected a booking, got ${outcome.route}`);
    const { booking } = outcome;
    expect(booking.start.toISOString()).toBe('2026-11-25T10:00:00.000Z'); // Wednesday's first slot
    await t.desk.startWork();

    // The sweeps run hourly for the two days before the slot, then every 5 minutes (as the bot's
    // do) for its last half hour, the last one a minute before it starts.
    await t.jobs.advance(booking.start.getTime() - t.clock.now().getTime() - 30 * 60_000, HOUR);
    await t.jobs.advance(29 * 60_000, 5 * 60_000);
    expect(t.clock.now().getTime(), 'a minute before the slot').toBe(booking.start.getTime() - 60_000);
    expect(await minutesClockOf(booking.requestId), 'nothing before the slot').toBeUndefined();

    await t.jobs.advance(2 * HOUR, 5 * 60_000);
    expect(await minutesClockOf(booking.requestId)).toMatchObject({ state: 'running', startedAt: booking.start, due: new Date('2026-11-26T10:00:00Z'), ownerId: manager.id });

    // Reminder next morning, overdue at the 24th hour (Northamptonshire).
    await t.jobs.advance(26 * HOUR, HOUR);
    expect(t.notifier.told.map(({ notice }) => notice.kind)).toEqual(['deadline.reminder', 'deadline.overdue']);
    // Once started, later sweeps schedule nothing more for it.
    expect(t.jobs.pending().filter((job) => job.name === 'discussion.held')).toEqual([]);
  });

  it('starts no clock for a booking cancelled before its slot', async () => {
    t = await openTestDesk('2026-11-23T09:40:00Z');
    const outcome = await t.desk.submitRequest(requestInput({ referredAt: '2026-11-23T09:30' }), manager, 'held-2');
    if (outcome.route !== 'rota') throw new Error(`expected a booking, got ${outcome.route}`);
    await t.desk.cancelBooking(outcome.booking.id, manager, personal, 'no longer needed');
    await t.desk.startWork();
    await t.jobs.advance(3 * 24 * HOUR, 15 * 60_000);
    expect(await minutesClockOf(outcome.booking.requestId)).toBeUndefined();
  });
});
