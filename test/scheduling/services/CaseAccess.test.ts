import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../scheduling/model/Actor.js';
import type { ActionSource } from '../../../scheduling/model/ActionSource.js';
import { NotPermittedError } from '../../../scheduling/services/errors.js';
import { manager, openTestDesk, requestInput, type TestDesk } from '../../fakes/testDesk.js';

let t: TestDesk;
afterEach(async () => {
  await t.desk.close();
});

const stranger: Actor = { id: 'aad-stranger', name: 'S. Trange' };
const managersChat: ActionSource = { kind: 'teams', conversationId: 'a:manager-personal', conversationType: 'personal' };
const strangersChat: ActionSource = { kind: 'teams', conversationId: 'a:stranger-personal', conversationType: 'personal' };
const teamGroup: ActionSource = { kind: 'teams', conversationId: '19:team-group@thread.v2', conversationType: 'groupChat' };
const otherGroup: ActionSource = { kind: 'teams', conversationId: '19:other-group@thread.v2', conversationType: 'groupChat' };

let keys = 0;
async function booked(change = {}) {
  const outcome = await t.desk.intake.submit(requestInput(change), manager, `k-${++keys}`);
  if (outcome.route !== 'rota') throw new Error('expected the rota route');
  return outcome;
}

async function refusals(entityId: string) {
  return (await t.desk.stores.auditLog.auditTrail(entityId)).filter((e) => e.action === 'access.refused');
}

describe('CaseAccess, through the services that act on a case', () => {
  beforeEach(async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z'); // Mon
  });

  for (const [where, from] of [
    ['their own personal chat', strangersChat],
    ['a group chat no card of the case was posted in', otherGroup],
  ] as const) {
    it(`refuses a stranger acting from ${where}, audits it by ids, and changes nothing`, async () => {
      const { booking } = await booked();
      await expect(t.desk.booking.cancel(booking.id, stranger, from, 'x')).rejects.toMatchObject({ code: 'access.refused' });
      await expect(t.desk.booking.rebook(booking.id, stranger, from, { longer: true })).rejects.toBeInstanceOf(NotPermittedError);
      await expect(t.desk.booking.details(booking.id, stranger, from)).rejects.toBeInstanceOf(NotPermittedError);
      expect(await t.desk.stores.slots.getBooking(booking.id)).toEqual(booking);
      const trail = await refusals(booking.id);
      expect(trail.map((e) => [e.actor.id, e.entity, (e.after as { attempted: string }).attempted])).toEqual([
        [stranger.id, 'booking', 'booking.cancel'],
        [stranger.id, 'booking', 'booking.rebook'],
        [stranger.id, 'booking', 'booking.show'],
      ]);
      expect(JSON.stringify(trail)).not.toContain('Zanzibarova');
    });
  }

  it('refuses a stranger recording police contact on an urgent request', async () => {
    const outcome = await t.desk.intake.submit(requestInput({ urgent: 'home-alone' }), manager, 'u1');
    await expect(t.desk.urgent.recordPoliceContact(outcome.request.id, stranger, strangersChat)).rejects.toBeInstanceOf(NotPermittedError);
    expect((await t.desk.stores.requests.getRequest(outcome.request.id))?.policeContactAt).toBeUndefined();
    expect(await refusals(outcome.request.id)).toMatchObject([{ actor: { id: stranger.id }, entity: 'request', after: { attempted: 'request.police-contact' } }]);
  });

  it('lets the requester act from their personal chat', async () => {
    const { booking } = await booked();
    expect((await t.desk.booking.details(booking.id, manager, managersChat)).booking.id).toBe(booking.id);
    expect((await t.desk.booking.cancel(booking.id, manager, managersChat, 'No longer needed')).status).toBe('cancelled');
  });

  it('lets the members of a group chat where a card about the request was posted act there, and only there', async () => {
    const { booking, request } = await booked();
    await t.desk.access.cardPosted(request.id, manager, teamGroup, 'activity-1');
    expect((await t.desk.booking.rebook(booking.id, stranger, teamGroup, { longer: true })).status).toBe('booked');
    await expect(t.desk.booking.details(booking.id, stranger, otherGroup)).rejects.toBeInstanceOf(NotPermittedError);
  });

  it('lets the command line act (operators hold the database), audited under their own id', async () => {
    const { booking } = await booked();
    const operator: Actor = { id: 'cli:ops', name: 'ops (command line)' };
    await t.desk.booking.cancel(booking.id, operator, { kind: 'operator' }, 'Cancelled by the team manager.');
    const cancelled = (await t.desk.stores.auditLog.auditTrail(booking.id)).find((e) => e.action === 'booking.cancelled');
    expect(cancelled?.actor.id).toBe('cli:ops');
  });

  it('lets nobody but someone who may act put a case into a conversation', async () => {
    const { request } = await booked();
    await expect(t.desk.access.cardPosted(request.id, stranger, otherGroup, 'activity-9')).rejects.toBeInstanceOf(NotPermittedError);
    expect(await t.desk.stores.postings.cardPostingsOf(request.id)).toEqual([]);
  });

  it('lists in a shared conversation only the bookings whose request was posted there', async () => {
    const mine = await booked();
    const posted = await booked({ nNumbers: 'N200001' });
    await t.desk.access.cardPosted(posted.request.id, manager, teamGroup, 'activity-2');
    const ids = async (from: ActionSource) => (await t.desk.access.listBookings(manager, from)).map((l) => l.booking.id);
    expect(await ids(managersChat)).toEqual([mine.booking.id, posted.booking.id]);
    expect(await ids(teamGroup)).toEqual([posted.booking.id]);
    expect(await ids(otherGroup)).toEqual([]);
    expect(await t.desk.access.listBookings(stranger, teamGroup)).toEqual([]);
  });
});
