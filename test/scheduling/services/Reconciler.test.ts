import { afterEach, describe, expect, it } from 'vitest';
import type { Calendar } from '../../../scheduling/ports/Calendar.js';
import type { ConferenceEvent } from '../../../scheduling/model/ConferenceEvent.js';
import { MAIL_CLAIM_LEASE_SECONDS } from '../../../scheduling/services/MailOnce.js';
import { manager, openTestDesk, requestInput, type TestDesk } from '../../fakes/testDesk.js';

let t: TestDesk | undefined;
afterEach(async () => {
  await t?.desk.close();
  t = undefined;
});

/** The process "dies" at a chosen point of creating the event: before it, or just after it. */
function dying(calendar: Calendar, when: { mode: 'none' | 'before-create' | 'after-create' | 'unreachable' }): Calendar {
  return new Proxy(calendar, {
    get(target, prop, receiver) {
      if (prop === 'busyBetween' && when.mode === 'unreachable') return async () => Promise.reject(new Error('calendar unreachable'));
      if (prop === 'createEvent') {
        return async (event: ConferenceEvent, transactionId?: string) => {
          if (when.mode === 'before-create') throw new Error('process died before the create reached the calendar');
          const ref = await target.createEvent(event, transactionId);
          if (when.mode === 'after-create') throw new Error('process died before the answer came back');
          return ref;
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

const wed = [new Date('2026-11-25T00:00Z'), new Date('2026-11-26T00:00Z')] as const;

describe('Reconciler', () => {
  for (const mode of ['before-create', 'after-create'] as const) {
    it(`finishes a reservation whose process died ${mode.replace('-', ' ')}: one event, one email`, async () => {
      const when = { mode: mode as 'none' | 'before-create' | 'after-create' };
      t = await openTestDesk('2026-11-23T12:00:00Z', { RESERVATION_TIMEOUT_SECONDS: '60' }, { wrapCalendar: (c) => dying(c, when) });
      await expect(t.desk.intake.submit(requestInput(), manager, 'k1')).rejects.toThrow(/process died/);
      const [reserved] = await t.desk.stores.slots.reservationsBefore(new Date('2027-01-01'));
      expect(reserved?.status).toBe('reserved');

      when.mode = 'none';
      expect((await t.desk.reconciler.run()).finished).toEqual([]); // still young: maybe in flight elsewhere
      t.clock.advance(61_000);
      const report = await t.desk.reconciler.run();
      expect(report.finished).toEqual([reserved!.id]);
      const booking = await t.desk.stores.slots.getBooking(reserved!.id);
      expect(booking?.status).toBe('booked');
      const events = await t.desk.calendar.busyBetween(...wed);
      expect(events.map((e) => e.id)).toEqual([booking!.eventId]);
      expect((await t.outbox.listOutbox()).map((m) => m.subject)).toEqual(['Strategy discussion']);
      expect((await t.desk.reconciler.run()).finished).toEqual([]);
    });
  }

  it('rebooks a reservation whose slot passed before its event was made', async () => {
    const when = { mode: 'before-create' as 'none' | 'before-create' };
    t = await openTestDesk('2026-11-23T12:00:00Z', {}, { wrapCalendar: (c) => dying(c, when) });
    await expect(t.desk.intake.submit(requestInput(), manager, 'k1')).rejects.toThrow(/process died/);
    when.mode = 'none';
    t.clock.set('2026-11-25T10:20:00Z'); // the reserved 10:00 slot has gone
    const report = await t.desk.reconciler.run();
    expect(report.rebooked).toHaveLength(1);
    const request = await t.desk.stores.requests.findRequestByKey('k1');
    const current = await t.desk.stores.slots.currentBookingFor(request!.id);
    expect(current?.start.toISOString()).toBe('2026-11-25T10:30:00.000Z');
    expect(current?.status).toBe('booked');
  });

  it('keeps a passed reservation when its re-booking fails, so the request is never left with only a cancelled booking', async () => {
    const when = { mode: 'before-create' as 'none' | 'before-create' | 'unreachable' };
    t = await openTestDesk('2026-11-23T12:00:00Z', {}, { wrapCalendar: (c) => dying(c, when) });
    await expect(t.desk.intake.submit(requestInput(), manager, 'k1')).rejects.toThrow(/process died/);
    const request = await t.desk.stores.requests.findRequestByKey('k1');
    const [stale] = await t.desk.stores.slots.reservationsBefore(new Date('2027-01-01'));
    t.clock.set('2026-11-25T10:20:00Z'); // the reserved 10:00 slot has gone, and the calendar cannot be read
    when.mode = 'unreachable';
    const failing = await t.desk.reconciler.run();
    expect(failing.rebooked).toEqual([]);
    expect(failing.failed).toContain(stale!.id);
    // A retry of the manager's submit in this state must not be told "cancelled".
    expect((await t.desk.stores.slots.lastBookingFor(request!.id))?.status).toBe('reserved');

    when.mode = 'none';
    t.clock.advance(3 * 60_000); // past the reservation timeout of whatever the first run left
    const report = await t.desk.reconciler.run();
    expect([...report.rebooked, ...report.finished]).toHaveLength(1);
    const current = await t.desk.stores.slots.currentBookingFor(request!.id);
    expect(current?.start.toISOString()).toBe('2026-11-25T10:30:00.000Z');
    expect(current?.status).toBe('booked');
  });

  it('sends a police email whose sender died after claiming it', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z');
    const outcome = await t.desk.intake.submit(requestInput(), manager, 'k1');
    if (outcome.route !== 'rota') throw new Error('expected rota');
    // Simulate the crash: the claim stays, the mail never went.
    await t.desk.db.query('delete from local_outbox');
    await t.desk.db.query('update mail_keys set sent_at = null');
    t.clock.advance(30_000);
    expect((await t.desk.reconciler.run()).mailsSent).toEqual([]); // the sender may still be at it
    t.clock.advance(MAIL_CLAIM_LEASE_SECONDS * 1000);
    expect((await t.desk.reconciler.run()).mailsSent).toEqual([outcome.booking.id]);
    expect(await t.outbox.listOutbox()).toHaveLength(1);
    expect((await t.desk.reconciler.run()).mailsSent).toEqual([]);
  });

  it('sends an urgent enquiry that failed to go when it was requested', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z');
    await t.desk.db.query('alter table local_outbox rename to local_outbox_down'); // the mail server is down
    const outcome = await t.desk.intake.submit(requestInput({ urgent: 'non-mobile-injury' }), manager, 'u1');
    expect(outcome).toMatchObject({ route: 'urgent', email: 'pending' }); // saved, and said not to have gone
    await t.desk.db.query('alter table local_outbox_down rename to local_outbox');
    t.clock.advance(10 * 60_000);
    const report = await t.desk.reconciler.run();
    expect(report.urgentSent).toHaveLength(1);
    const mails = await t.outbox.listOutbox();
    expect(mails.map((m) => m.subject)).toEqual(['URGENT S47 ENQUIRY']);
    expect((await t.desk.stores.requests.findRequestByKey('u1'))?.urgentSentAt).toBeDefined();
  });

  it('cancels an event of ours that has no live booking', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z');
    const outcome = await t.desk.intake.submit(requestInput(), manager, 'k1');
    if (outcome.route !== 'rota') throw new Error('expected rota');
    await t.desk.stores.slots.cancelBooking(outcome.booking.id, manager, t.clock.now(), 'cancelled while the calendar was down');
    const hand = await t.calendar.addHandMadeEvent({ subject: 'Police training', start: new Date('2026-11-25T11:00Z'), end: new Date('2026-11-25T11:15Z') });
    const report = await t.desk.reconciler.run();
    expect(report.orphanEventsCancelled).toEqual([outcome.booking.eventId]);
    expect((await t.desk.calendar.busyBetween(...wed)).map((e) => e.id)).toEqual([hand.id]); // hand-made ones are left alone
  });

  it('cancels each orphan event on its own: one failed cancel is listed, the others still go', async () => {
    const refuse = new Set<string>();
    const failingCancel = (calendar: Calendar): Calendar =>
      new Proxy(calendar, {
        get(target, prop, receiver) {
          if (prop !== 'cancelEvent') return Reflect.get(target, prop, receiver) as unknown;
          return async (id: string, comment: string) => {
            if (refuse.has(id)) throw new Error('calendar refused the cancel');
            return target.cancelEvent(id, comment);
          };
        },
      });
    t = await openTestDesk('2026-11-23T12:00:00Z', {}, { wrapCalendar: failingCancel });
    const first = await t.desk.intake.submit(requestInput(), manager, 'k1');
    const second = await t.desk.intake.submit(requestInput({ nNumbers: 'N200002' }), manager, 'k2');
    if (first.route !== 'rota' || second.route !== 'rota') throw new Error('expected rota');
    for (const o of [first, second]) await t.desk.stores.slots.cancelBooking(o.booking.id, manager, t.clock.now(), 'cancelled while the calendar was down');
    refuse.add(first.booking.eventId!);
    const report = await t.desk.reconciler.run();
    expect(report.orphanEventsCancelled).toEqual([second.booking.eventId]);
    expect(report.failed).toEqual([first.booking.eventId]);
    expect((await t.desk.calendar.getEvent(second.booking.eventId!))?.cancelled).toBe(true);
    expect((await t.desk.calendar.getEvent(first.booking.eventId!))?.cancelled).toBe(false); // left for the next run
  });
});
