import { describe, expect, it } from 'vitest';
import type { Db } from '../../scheduling/adapters/pg/Db.js';
import { actor, at, request, storesPerTest } from './storeFixtures.js';

/**
 * What every RequestStore adapter must do, whatever engine is under it. Run by
 * `test/scheduling/adapters/pg/SqlRequestStore.test.ts` on PGlite and on the PostgreSQL server. The other
 * stores of the same database set up what it needs (a request for a booking).
 */
export function requestStoreContract(name: string, openDb: () => Promise<Db>): void {
  describe(`RequestStore contract: ${name}`, () => {
    const t = storesPerTest(openDb);

    it('saves a request once per idempotency key', async () => {
      const first = await t.stores.requests.saveRequest(request('r1', 'same'), actor, at);
      const again = await t.stores.requests.saveRequest({ ...request('r2', 'same'), nNumbers: ['N999999'] }, actor, at);
      expect(first.created).toBe(true);
      expect(again).toMatchObject({ created: false, request: { id: 'r1', nNumbers: ['N146782'] } });
      expect((await t.stores.requests.findRequestByKey('same'))?.id).toBe('r1');
      expect((await t.stores.requests.getRequest('r1'))?.referredAt.toISOString()).toBe('2026-11-23T09:30:00.000Z');
    });

    it('stamps the urgent email and the police contact once', async () => {
      await t.stores.requests.saveRequest(request('u1', 'ku', 'urgent'), actor, at);
      const later = new Date(at.getTime() + 60_000);
      expect((await t.stores.requests.markUrgentSent('u1', at, actor)).urgentSentAt?.toISOString()).toBe(at.toISOString());
      expect((await t.stores.requests.markUrgentSent('u1', later, actor)).urgentSentAt?.toISOString()).toBe(at.toISOString());
      expect((await t.stores.requests.recordPoliceContact('u1', later, actor)).policeContactAt?.toISOString()).toBe(later.toISOString());
      expect((await t.stores.requests.recordPoliceContact('u1', new Date(later.getTime() + 1), { id: 'other', name: 'Someone Else' })).policeContactAt?.toISOString()).toBe(later.toISOString());
      // Who recorded it is kept with it, and the first record stands.
      expect((await t.stores.requests.getRequest('u1'))?.policeContactBy).toBe(actor.name);
    });

    it('undoes a recorded police contact once, auditing it, and lets it be recorded again', async () => {
      await t.stores.requests.saveRequest(request('u1', 'ku', 'urgent'), actor, at);
      const later = new Date(at.getTime() + 60_000);
      await t.stores.requests.recordPoliceContact('u1', at, actor);
      const undone = await t.stores.requests.undoPoliceContact('u1', later, { id: 'other', name: 'Someone Else' });
      expect(undone.policeContactAt).toBeUndefined();
      expect(undone.policeContactBy).toBeUndefined();
      expect((await t.stores.requests.undoPoliceContact('u1', later, actor)).policeContactAt).toBeUndefined(); // a repeat changes nothing
      const undos = (await t.stores.auditLog.auditTrail('u1')).filter((e) => e.action === 'request.police-contact-undone');
      expect(undos.map((e) => e.actor.id)).toEqual(['other']);
      expect((await t.stores.requests.recordPoliceContact('u1', later, actor)).policeContactAt?.toISOString()).toBe(later.toISOString());
    });

    it('finds urgent requests whose email is not recorded as sent', async () => {
      await t.stores.requests.saveRequest(request('u1', 'k1', 'urgent'), actor, at);
      await t.stores.requests.saveRequest(request('u2', 'k2', 'urgent'), actor, at);
      await t.stores.requests.saveRequest(request('r1', 'k3', 'rota'), actor, at);
      await t.stores.requests.markUrgentSent('u2', at, actor);
      expect((await t.stores.requests.urgentRequestsUnsent(new Date(at.getTime() + 1))).map((r) => r.id)).toEqual(['u1']);
      expect(await t.stores.requests.urgentRequestsUnsent(at)).toEqual([]);
    });

    it('escalates an urgent request once, to level 1, and never after police contact', async () => {
      const later = new Date(at.getTime() + 3_600_000);
      await t.stores.requests.saveRequest(request('u1', 'k1', 'urgent'), actor, at);
      await t.stores.requests.saveRequest(request('u2', 'k2', 'urgent'), actor, at);
      expect(await t.stores.requests.markEscalated('u1', later, actor)).toMatchObject({ escalatedAt: later, escalationLevel: 1 });
      expect((await t.stores.requests.markEscalated('u1', new Date(later.getTime() + 1), actor)).escalatedAt).toEqual(later);
      await t.stores.requests.recordPoliceContact('u2', later, actor);
      expect((await t.stores.requests.markEscalated('u2', later, actor)).escalatedAt).toBeUndefined();
      expect((await t.stores.auditLog.auditTrail('u1')).filter((e) => e.action === 'request.escalated')).toHaveLength(1);
    });

    it('moves the escalation level only from the level shown now, auditing each attempt', async () => {
      const later = new Date(at.getTime() + 3_600_000);
      await t.stores.requests.saveRequest(request('u1', 'k1', 'urgent'), actor, at);
      expect((await t.stores.requests.recordEscalationAttempt('u1', 1, 2, later, actor)).escalationLevel).toBeUndefined(); // not escalated yet
      await t.stores.requests.markEscalated('u1', later, actor);
      expect((await t.stores.requests.recordEscalationAttempt('u1', 1, 2, later, actor)).escalationLevel).toBe(2);
      expect((await t.stores.requests.recordEscalationAttempt('u1', 1, 2, later, actor)).escalationLevel).toBe(2); // a repeat
      expect((await t.stores.requests.recordEscalationAttempt('u1', 2, 2, later, actor)).escalationLevel).toBe(2); // the last level, tried again
      expect((await t.stores.auditLog.auditTrail('u1')).filter((e) => e.action === 'request.escalation-not-reached')).toHaveLength(2);
      await t.stores.requests.recordPoliceContact('u1', later, actor);
      await t.stores.requests.recordEscalationAttempt('u1', 2, 3, later, actor);
      expect((await t.stores.requests.getRequest('u1'))?.escalationLevel).toBe(2);
    });
  });
}
