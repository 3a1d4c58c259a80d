import { describe, expect, it } from 'vitest';
import type { Db } from '../../scheduling/adapters/pg/Db.js';
import type { DiscussionPlan } from '../../scheduling/model/DiscussionPlan.js';
import { actor, at, request, storesPerTest } from './storeFixtures.js';

const later = (minutes: number) => new Date(at.getTime() + minutes * 60_000);

function plan(id: string, requestId: string, change: Partial<DiscussionPlan> = {}): DiscussionPlan {
  return {
    id,
    requestId,
    nNumbers: ['N146782'],
    version: 1,
    state: 'open',
    meeting: { start: later(60), venue: 'dial-in' },
    children: [{ id: 'c1', name: 'Zanzibarova', nNumber: 'N146782', dateOfBirth: '2019-04-01' }],
    invitees: ['nurse@health.example.org'],
    attendees: [],
    agendaNotes: [],
    actions: [],
    decisions: [],
    riskScaling: [],
    createdAt: at,
    createdBy: actor,
    updatedAt: at,
    updatedBy: actor,
    ...change,
  };
}

/**
 * What every DiscussionPlans adapter must do, whatever engine is under it. Run by
 * `test/scheduling/adapters/pg/SqlDiscussionPlans.test.ts` on PGlite and on the PostgreSQL server.
 */
export function discussionPlansContract(name: string, openDb: () => Promise<Db>): void {
  describe(`DiscussionPlans contract: ${name}`, () => {
    const t = storesPerTest(openDb);

    it('keeps one plan per request: a second open returns the first; the plan reads back as saved', async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      const first = plan('d1', 'r1', { runningLate: { at: later(70), minutes: 10 }, actions: [{ id: 'a1', text: 'ABE', due: '2026-11-27', done: false }] });
      expect(await t.stores.plans.createPlan(first, actor)).toEqual({ plan: first, created: true });
      expect(await t.stores.plans.createPlan(plan('d2', 'r1'), actor)).toEqual({ plan: first, created: false });
      expect(await t.stores.plans.getPlan('d1')).toEqual(first);
      expect(await t.stores.plans.planOfRequest('r1')).toEqual(first);
      expect(await t.stores.plans.getPlan('d2')).toBeUndefined();
    });

    it('saves only on the expected version (compare-and-set), keeping the history and an audit row of ids only', async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      await t.stores.plans.createPlan(plan('d1', 'r1'), actor);
      const v2 = plan('d1', 'r1', { version: 2, updatedAt: later(1), finalisedAt: later(1), state: 'final' });
      expect(await t.stores.plans.savePlan(v2, 1, { verb: 'plan.action.add', targets: ['action:a1'] }, actor, 'plan.changed')).toBe(true);
      const rival = plan('d1', 'r1', { version: 2, updatedAt: later(1), presentingIssue: 'lost' });
      expect(await t.stores.plans.savePlan(rival, 1, { verb: 'plan.issue.set', targets: ['issue'] }, actor, 'plan.changed')).toBe(false);
      expect(await t.stores.plans.getPlan('d1')).toEqual(v2);
      expect(await t.stores.plans.changesSince('d1', 0)).toEqual([
        { version: 1, verb: 'plan.open', targets: [], actorId: 'aad-1', at },
        { version: 2, verb: 'plan.action.add', targets: ['action:a1'], actorId: 'aad-1', at: later(1) },
      ]);
      expect(await t.stores.plans.changesSince('d1', 1)).toHaveLength(1);
      const trail = await t.stores.auditLog.auditTrail('d1');
      expect(trail.map((e) => [e.action, e.entity])).toEqual([
        ['plan.opened', 'discussion'],
        ['plan.changed', 'discussion'],
      ]);
      expect(JSON.stringify(trail)).not.toMatch(/Zanzibarova|2019-04-01/);
    });

    it('lets exactly one of two simultaneous saves on the same version win', async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      await t.stores.plans.createPlan(plan('d1', 'r1'), actor);
      const results = await Promise.all(
        ['a', 'b'].map((who) => t.stores.plans.savePlan(plan('d1', 'r1', { version: 2, presentingIssue: who }), 1, { verb: 'plan.issue.set', targets: ['issue'] }, actor, 'plan.changed')),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await t.stores.plans.changesSince('d1', 1)).toHaveLength(1);
    });

    it("finds the plan of a case's latest request by N number", async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      await t.stores.requests.saveRequest({ ...request('r2'), nNumbers: ['N200001', 'N146782'] }, actor, later(5));
      await t.stores.requests.saveRequest({ ...request('r3'), nNumbers: ['N300001'] }, actor, later(9));
      await t.stores.plans.createPlan(plan('d1', 'r1'), actor);
      await t.stores.plans.createPlan(plan('d2', 'r2', { nNumbers: ['N200001', 'N146782'] }), actor);
      expect((await t.stores.plans.latestPlanOfCase('N146782'))?.id).toBe('d2');
      expect((await t.stores.plans.latestPlanOfCase('N200001'))?.id).toBe('d2');
      expect(await t.stores.plans.latestPlanOfCase('N300001')).toBeUndefined();
    });

    it("records a posted plan card (kind 'plan')", async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      await t.stores.postings.recordCardPosting({ requestId: 'r1', conversationId: '19:g@thread.v2', conversationType: 'groupChat', activityId: 'act-1', card: 'plan' }, actor, at);
      expect(await t.stores.postings.cardPostingsOf('r1')).toMatchObject([{ card: 'plan' }]);
    });
  });
}
