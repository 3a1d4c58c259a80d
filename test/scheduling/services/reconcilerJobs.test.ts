import { afterEach, describe, expect, it } from 'vitest';
import type { Calendar } from '../../../scheduling/ports/Calendar.js';
import type { ConferenceEvent } from '../../../scheduling/model/ConferenceEvent.js';
import { reconcileJobs } from '../../../scheduling/services/Reconciler.js';
import { manager, openTestDesk, requestInput, type TestDesk } from '../../fakes/testDesk.js';

let t: TestDesk | undefined;
afterEach(async () => {
  await t?.desk.close();
  t = undefined;
});

/** A calendar that refuses to cancel the events in `refuse`, and can fail to create events. */
function faulty(calendar: Calendar, faults: { refuse: Set<string>; createFails: boolean }): Calendar {
  return new Proxy(calendar, {
    get(target, prop, receiver) {
      if (prop === 'cancelEvent') {
        return async (id: string, comment: string) => {
          if (faults.refuse.has(id)) throw new Error('calendar refused the cancel');
          return target.cancelEvent(id, comment);
        };
      }
      if (prop === 'createEvent') {
        return async (event: ConferenceEvent, transactionId?: string) => {
          if (faults.createFails) throw new Error('process died before the create reached the calendar');
          return target.createEvent(event, transactionId);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

const wed = [new Date('2026-11-25T00:00Z'), new Date('2026-11-26T00:00Z')] as const;

describe('Reconciler on the job engine', () => {
  it('sweeps at start and then every RECONCILE_EVERY_SECONDS, one sweep waiting at a time', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z', { RECONCILE_EVERY_SECONDS: '300' });
    await t.desk.startWork();
    await t.desk.startWork(); // a second instance starting, or a restart: still one sweep chain
    await t.jobs.runDue();
    expect(t.jobs.done.filter((j) => j.name === reconcileJobs.sweep)).toHaveLength(1);
    expect(t.jobs.pending().filter((j) => j.name.startsWith('reconcile.'))).toEqual([expect.objectContaining({ name: reconcileJobs.sweep, runAt: new Date('2026-11-23T12:05:00Z') })]);
    await t.jobs.advance(15 * 60_000);
    expect(t.jobs.done.filter((j) => j.name === reconcileJobs.sweep).map((j) => j.at.toISOString())).toEqual([
      '2026-11-23T12:00:00.000Z',
      '2026-11-23T12:05:00.000Z',
      '2026-11-23T12:10:00.000Z',
      '2026-11-23T12:15:00.000Z',
    ]);
    expect(t.jobs.pending().filter((j) => j.name === reconcileJobs.sweep)).toHaveLength(1);
  });

  it('handles each item in a job of its own: a failing one is retried while the others are done', async () => {
    const faults = { refuse: new Set<string>(), createFails: false };
    t = await openTestDesk('2026-11-23T12:00:00Z', { RESERVATION_TIMEOUT_SECONDS: '60' }, { wrapCalendar: (c) => faulty(c, faults) });
    const first = await t.desk.intake.submit(requestInput(), manager, 'k1');
    const second = await t.desk.intake.submit(requestInput({ nNumbers: 'N200002' }), manager, 'k2');
    if (first.route !== 'rota' || second.route !== 'rota') throw new Error('expected rota');
    for (const o of [first, second]) await t.desk.stores.slots.cancelBooking(o.booking.id, manager, t.clock.now(), 'cancelled while the calendar was down');
    faults.createFails = true; // a third request's process dies before its event is made
    await expect(t.desk.intake.submit(requestInput({ nNumbers: 'N300003' }), manager, 'k3')).rejects.toThrow(/process died/);
    const [reserved] = await t.desk.stores.slots.reservationsBefore(new Date('2027-01-01'));
    faults.createFails = false;
    faults.refuse.add(first.booking.eventId!);

    t.clock.advance(61_000);
    await t.desk.startWork();
    await t.jobs.runDue();

    const ran = (name: string) => t!.jobs.done.filter((j) => j.name === name).map((j) => j.data);
    expect(ran(reconcileJobs.orphanEvent)).toEqual([{ eventId: second.booking.eventId, bookingId: second.booking.id }]);
    expect(ran(reconcileJobs.reservation)).toEqual([{ bookingId: reserved!.id }]);
    expect(t.jobs.failed.map((f) => [f.name, f.data.eventId])).toEqual([[reconcileJobs.orphanEvent, first.booking.eventId]]);
    expect((await t.desk.stores.slots.getBooking(reserved!.id))?.status).toBe('booked');
    expect((await t.desk.calendar.getEvent(second.booking.eventId!))?.cancelled).toBe(true);
    expect((await t.desk.calendar.getEvent(first.booking.eventId!))?.cancelled).toBe(false);

    // The next sweep finds the refused one still waiting for its retry: nothing is added twice.
    await t.jobs.advance(5 * 60_000);
    expect(t.jobs.pending().filter((j) => j.name === reconcileJobs.orphanEvent)).toHaveLength(1);
    faults.refuse.clear();
    await t.jobs.runDue();
    expect((await t.desk.calendar.getEvent(first.booking.eventId!))?.cancelled).toBe(true);
    expect(t.jobs.pending().filter((j) => j.name.startsWith('reconcile.') && j.name !== reconcileJobs.sweep)).toEqual([]);
    expect((await t.desk.calendar.busyBetween(...wed)).filter((e) => !e.cancelled).map((e) => e.bookingId)).toEqual([reserved!.id]);
  });

  it('retries an urgent enquiry that could not go, as a job of its own, until it goes', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z');
    await t.desk.db.query('alter table local_outbox rename to local_outbox_down'); // the mail server is down
    const outcome = await t.desk.intake.submit(requestInput({ urgent: 'non-mobile-injury' }), manager, 'u1');
    expect(outcome).toMatchObject({ route: 'urgent', email: 'pending' });
    t.clock.advance(10 * 60_000);
    await t.desk.startWork();
    await t.jobs.runDue();
    expect(t.jobs.failed.map((f) => f.name)).toEqual([reconcileJobs.urgentEmail]);
    await t.desk.db.query('alter table local_outbox_down rename to local_outbox');
    await t.jobs.runDue();
    expect((await t.outbox.listOutbox()).map((m) => m.subject)).toEqual(['URGENT S47 ENQUIRY']);
    expect((await t.desk.stores.requests.findRequestByKey('u1'))?.urgentSentAt).toBeDefined();
  });
});
