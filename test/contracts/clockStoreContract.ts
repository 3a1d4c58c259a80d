import { describe, expect, it } from 'vitest';
import type { Db } from '../../scheduling/adapters/pg/Db.js';
import { actor, at, request, storesPerTest } from './storeFixtures.js';

const HOUR = 3_600_000;
const later = (hours: number) => new Date(at.getTime() + hours * HOUR);

/**
 * What every ClockStore adapter must do, whatever engine is under it. Run by
 * `test/scheduling/adapters/pg/SqlClockStore.test.ts` on PGlite and on the PostgreSQL server.
 */
export function clockStoreContract(name: string, openDb: () => Promise<Db>): void {
  describe(`ClockStore contract: ${name}`, () => {
    const t = storesPerTest(openDb);
    const minutes = { requestId: 'r1', kind: 'minutes', subject: '' } as const;

    it('starts a clock once: a repeat keeps the first, and the start is audited on the request', async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      const first = await t.stores.clocks.startClock({ ...minutes, ownerId: 'aad-1', startedAt: at, due: later(24) }, actor);
      expect(first).toEqual({ started: true, clock: { ...minutes, ownerId: 'aad-1', startedAt: at, due: later(24), state: 'running' } });
      const again = await t.stores.clocks.startClock({ ...minutes, ownerId: 'aad-2', startedAt: later(1), due: later(30) }, actor);
      expect(again).toEqual({ started: false, clock: first.clock });
      expect(await t.stores.clocks.getClock(minutes)).toEqual(first.clock);
      expect(await t.stores.clocks.getClock({ ...minutes, kind: 's47-outcome' })).toBeUndefined();
      const audited = await t.stores.auditLog.auditTrail('r1');
      expect(audited.filter((e) => e.action === 'clock.started')).toMatchObject([{ after: { kind: 'minutes', due: later(24).toISOString(), state: 'running' } }]);
    });

    it('stops a running clock once, and keeps the first stop', async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      await t.stores.clocks.startClock({ ...minutes, ownerId: 'aad-1', startedAt: at, due: later(24) }, actor);
      expect(await t.stores.clocks.stopClock(minutes, later(2), actor)).toMatchObject({ state: 'stopped', stoppedAt: later(2) });
      expect(await t.stores.clocks.stopClock(minutes, later(3), actor)).toMatchObject({ state: 'stopped', stoppedAt: later(2) });
      expect(await t.stores.clocks.stopClock({ ...minutes, kind: 'conference' }, later(3), actor)).toBeUndefined();
      expect((await t.stores.auditLog.auditTrail('r1')).filter((e) => e.action === 'clock.stopped')).toHaveLength(1);
    });

    it('stamps the reminder and the overdue notice, the first stamp standing', async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      await t.stores.clocks.startClock({ ...minutes, ownerId: 'aad-1', startedAt: at, due: later(24) }, actor);
      await t.stores.clocks.markNoticeSent(minutes, 'reminded', later(20));
      await t.stores.clocks.markNoticeSent(minutes, 'reminded', later(21));
      await t.stores.clocks.markNoticeSent(minutes, 'overdue', later(25));
      expect(await t.stores.clocks.getClock(minutes)).toMatchObject({ remindedAt: later(20), overdueAt: later(25) });
    });

    it("lists a person's running clocks, theirs or on their requests, soonest first, with N numbers", async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at); // requested by aad-1
      await t.stores.requests.saveRequest({ ...request('r2'), nNumbers: ['N200001'] }, { id: 'aad-2', name: 'B. Smith' }, at);
      await t.stores.clocks.startClock({ ...minutes, ownerId: 'aad-1', startedAt: at, due: later(24) }, actor);
      await t.stores.clocks.startClock({ requestId: 'r1', kind: 's47-outcome', subject: '', ownerId: 'aad-1', startedAt: at, due: later(72) }, actor);
      await t.stores.clocks.startClock({ requestId: 'r1', kind: 'action', subject: 'a1', ownerId: 'aad-9', startedAt: at, due: later(5) }, actor); // owned by someone else, on aad-1's request
      await t.stores.clocks.startClock({ requestId: 'r2', kind: 'action', subject: 'a2', ownerId: 'aad-1', startedAt: at, due: later(48) }, actor); // aad-1 owns it on aad-2's request
      await t.stores.clocks.startClock({ requestId: 'r2', kind: 'minutes', subject: '', ownerId: 'aad-2', startedAt: at, due: later(1) }, actor);
      await t.stores.clocks.stopClock({ requestId: 'r1', kind: 's47-outcome', subject: '' }, later(1), actor);
      const mine = await t.stores.clocks.runningClocksOf('aad-1');
      expect(mine.map((c) => [c.requestId, c.kind, c.subject, c.nNumbers])).toEqual([
        ['r1', 'action', 'a1', ['N146782']],
        ['r1', 'minutes', '', ['N146782']],
        ['r2', 'action', 'a2', ['N200001']],
      ]);
      expect((await t.stores.clocks.runningClocksOf('aad-9')).map((c) => c.subject)).toEqual(['a1']);
      expect(await t.stores.clocks.runningClocksOf('nobody')).toEqual([]);
    });
  });
}
