import { afterEach, describe, expect, it } from 'vitest';
import type { ActionSource } from '../../../scheduling/model/ActionSource.js';
import { ConflictError, NotPermittedError } from '../../../scheduling/services/errors.js';
import { formatLondonIso } from '../../../scheduling/rules/londonTime.js';
import { manager, openTestDesk, requestInput, type TestDesk } from '../../fakes/testDesk.js';

let t: TestDesk | undefined;
afterEach(async () => {
  await t?.desk.close();
  t = undefined;
});

const counter = () => {
  let n = 0;
  return () => `req-${++n}`;
};
const urgent = () => requestInput({ urgent: 'home-alone', referredAt: '2026-11-29T01:55' });
const personal: ActionSource = { kind: 'teams', conversationId: 'a:manager', conversationType: 'personal' };
const MINUTE = 60_000;
/** Two duty DS, then admin support, then the MASH service manager: three levels by label. */
const contacts = JSON.stringify([
  { label: 'Duty DS', name: 'DS Example One', phone: '101 ext 1' },
  { label: 'Duty DS', name: 'DS Example Two', phone: '101 ext 2' },
  { label: 'Admin support', name: 'Police admin support', phone: '101 ext 3' },
  { label: 'MASH service manager', name: 'MASH manager', phone: '01604 000004' },
]);

/** A desk at 02:00 on Sunday 29 November 2026 (GMT) with one urgent request sent at once. */
async function urgentAtTwoOnSunday(env: NodeJS.ProcessEnv = {}): Promise<TestDesk> {
  const desk = await openTestDesk('2026-11-29T02:00:00Z', { ESCALATION_CONTACTS: contacts, ...env }, { newId: counter() });
  const outcome = await desk.desk.submitRequest(urgent(), manager, 'u1');
  expect(outcome).toMatchObject({ route: 'urgent', email: 'sent' });
  return desk;
}

describe('urgent escalation', () => {
  it('fires at 03:00 on a Sunday, an hour after the email, never held back to working hours', async () => {
    t = await urgentAtTwoOnSunday();
    await t.jobs.advance(59 * MINUTE);
    expect(t.notifier.told).toEqual([]);
    await t.jobs.advance(MINUTE);
    expect(t.notifier.told).toEqual([
      {
        userId: manager.id,
        notice: {
          kind: 'urgent.escalate',
          requestId: 'req-1',
          nNumbers: ['N146782'],
          level: 1,
          contacts: [
            { label: 'Duty DS', name: 'DS Example One', phone: '101 ext 1' },
            { label: 'Duty DS', name: 'DS Example Two', phone: '101 ext 2' },
          ],
        },
      },
    ]);
    expect(t.jobs.done.map((j) => [j.name, formatLondonIso(j.at)])).toEqual([['urgent.escalate', '2026-11-29T03:00:00+00:00']]);
    expect(t.notifier.refreshed).toEqual(['req-1']); // the urgent card turns to the escalation
    const request = await t.desk.stores.requests.getRequest('req-1');
    expect(request).toMatchObject({ escalatedAt: new Date('2026-11-29T03:00:00Z'), escalationLevel: 1 });
    const outcome = await t.desk.urgentCase('req-1', manager, personal);
    expect(outcome.escalation).toMatchObject({ level: 1, lastLevel: false, contacts: [{ name: 'DS Example One' }, { name: 'DS Example Two' }] });
    expect((await t.desk.stores.auditLog.auditTrail('req-1')).map((e) => e.action)).toContain('request.escalated');
  });

  it('follows POLICE_CONTACT_MINUTES', async () => {
    t = await urgentAtTwoOnSunday({ POLICE_CONTACT_MINUTES: '30' });
    await t.jobs.advance(29 * MINUTE);
    expect(t.notifier.told).toEqual([]);
    await t.jobs.advance(MINUTE);
    expect(t.notifier.told.map((n) => n.notice.kind)).toEqual(['urgent.escalate']);
  });

  it('is stopped by police contact: the job is dropped and nothing is said', async () => {
    t = await urgentAtTwoOnSunday();
    expect(t.jobs.pending().map((j) => j.name)).toEqual(['urgent.escalate']);
    await t.jobs.advance(30 * MINUTE);
    await t.desk.recordPoliceContact('req-1', manager, personal);
    // Only the refresh of the request's cards waits; the escalation is gone.
    expect(t.jobs.pending().map((j) => j.name)).toEqual(['cards.refresh']);
    await t.jobs.advance(3 * 60 * MINUTE);
    expect(t.notifier.told).toEqual([]);
    expect((await t.desk.urgentCase('req-1', manager, personal)).escalation).toBeUndefined();
  });

  it('does nothing when its job runs after police contact was recorded', async () => {
    t = await urgentAtTwoOnSunday();
    // Contact recorded without the job being dropped (as if the drop was lost in a crash).
    await t.desk.stores.requests.recordPoliceContact('req-1', new Date('2026-11-29T02:40:00Z'), manager);
    await t.jobs.advance(60 * MINUTE);
    expect(t.jobs.done.map((j) => j.name)).toEqual(['urgent.escalate']);
    expect(t.notifier.told).toEqual([]);
    expect((await t.desk.stores.requests.getRequest('req-1'))?.escalatedAt).toBeUndefined();
  });

  it('counts from the email once it went later than the request', async () => {
    t = await openTestDesk('2026-11-29T02:00:00Z', { ESCALATION_CONTACTS: contacts }, { newId: counter() });
    await t.desk.stores.mailLedger.claimMail('urgent-s47:req-1', t.clock.now()); // another sender holds it
    await t.desk.submitRequest(urgent(), manager, 'u1');
    await t.desk.stores.mailLedger.releaseMail('urgent-s47:req-1'); // and failed
    t.clock.advance(20 * MINUTE);
    expect((await t.desk.reconcile()).urgentSent).toEqual(['req-1']); // sent at 02:20
    await t.jobs.advance(59 * MINUTE); // 03:19
    expect(t.jobs.done.map((j) => formatLondonIso(j.at))).toEqual(['2026-11-29T03:00:00+00:00']); // came back for 03:20
    expect(t.notifier.told).toEqual([]);
    await t.jobs.advance(MINUTE);
    expect(t.notifier.told.map((n) => n.notice.kind)).toEqual(['urgent.escalate']);
    expect((await t.desk.stores.requests.getRequest('req-1'))?.escalatedAt?.toISOString()).toBe('2026-11-29T03:20:00.000Z');
  });

  it('keeps its job while the manager cannot be reached, and tells them once they can', async () => {
    t = await urgentAtTwoOnSunday();
    t.notifier.unreachable.add(manager.id);
    await t.jobs.advance(60 * MINUTE);
    expect(t.jobs.failed.map((j) => j.name)).toEqual(['urgent.escalate']);
    expect(t.jobs.pending().map((j) => j.name)).toEqual(['urgent.escalate']);
    t.notifier.unreachable.delete(manager.id);
    await t.jobs.advance(MINUTE);
    expect(t.notifier.told.map((n) => n.notice.kind)).toEqual(['urgent.escalate']);
    expect(t.jobs.pending()).toEqual([]);
  });

  it('is not started again when a retried request is answered after the escalation', async () => {
    t = await urgentAtTwoOnSunday();
    await t.jobs.advance(60 * MINUTE);
    expect((await t.desk.submitRequest(urgent(), manager, 'u1')) as object).toMatchObject({ replayed: true, escalation: { level: 1 } });
    expect(t.jobs.pending()).toEqual([]);
  });

  describe('Undo police contact (a mis-click on Police made contact)', () => {
    it('puts the escalation back on its clock, within the undo window, and audits who undid it', async () => {
      t = await urgentAtTwoOnSunday();
      await t.jobs.advance(20 * MINUTE); // 02:20
      const recorded = await t.desk.recordPoliceContact('req-1', manager, personal);
      expect(recorded.undoUntil?.toISOString()).toBe('2026-11-29T02:35:00.000Z'); // 15 minutes to undo
      await t.jobs.advance(5 * MINUTE); // 02:25
      const undone = await t.desk.undoPoliceContact('req-1', manager, personal);
      expect(undone.request.policeContactAt).toBeUndefined();
      expect(undone.request.policeContactBy).toBeUndefined();
      expect(undone.undoUntil).toBeUndefined();
      expect(t.jobs.pending().map((j) => j.name)).toContain('urgent.escalate');
      // The hour still counts from the email: the escalation comes at 03:00, not an hour after the undo.
      await t.jobs.advance(34 * MINUTE); // 02:59
      expect(t.notifier.told).toEqual([]);
      await t.jobs.advance(MINUTE);
      expect(t.notifier.told.map((n) => n.notice.kind)).toEqual(['urgent.escalate']);
      const undos = (await t.desk.stores.auditLog.auditTrail('req-1')).filter((e) => e.action === 'request.police-contact-undone');
      expect(undos.map((e) => e.actor.id)).toEqual([manager.id]);
    });

    it('escalates at once when the hour has passed by the time of the undo', async () => {
      t = await urgentAtTwoOnSunday();
      await t.jobs.advance(55 * MINUTE); // 02:55
      await t.desk.recordPoliceContact('req-1', manager, personal);
      await t.jobs.advance(10 * MINUTE); // 03:05: nothing said, contact stands
      expect(t.notifier.told).toEqual([]);
      await t.desk.undoPoliceContact('req-1', manager, personal);
      await t.jobs.runDue();
      expect(t.notifier.told.map((n) => n.notice.kind)).toEqual(['urgent.escalate']);
    });

    it('shows the escalation again when contact was recorded during it', async () => {
      t = await urgentAtTwoOnSunday();
      await t.jobs.advance(60 * MINUTE);
      expect((await t.desk.recordPoliceContact('req-1', manager, personal)).escalation).toBeUndefined();
      expect((await t.desk.undoPoliceContact('req-1', manager, personal)).escalation).toMatchObject({ level: 1 });
    });

    it('is refused after the window, when no contact is recorded, and for someone who may not act on the case', async () => {
      t = await urgentAtTwoOnSunday();
      await expect(t.desk.undoPoliceContact('req-1', manager, personal)).rejects.toThrow(/no police contact is recorded/);
      await t.desk.recordPoliceContact('req-1', manager, personal);
      const megan = { id: 'aad-megan', name: 'M. Bowen' };
      await expect(t.desk.undoPoliceContact('req-1', megan, { kind: 'teams', conversationId: 'a:megan', conversationType: 'personal' })).rejects.toBeInstanceOf(NotPermittedError);
      await t.jobs.advance(16 * MINUTE);
      await expect(t.desk.undoPoliceContact('req-1', manager, personal)).rejects.toThrow(/too late to undo: police contact was recorded at 02:00/);
      expect((await t.desk.stores.requests.getRequest('req-1'))?.policeContactAt).toBeDefined();
      expect((await t.desk.urgentCase('req-1', manager, personal)).undoUntil).toBeUndefined();
    });
  });

  describe('Could not reach', () => {
    it('shows the next level on each attempt, audits each attempt, and stays on the last level', async () => {
      t = await urgentAtTwoOnSunday();
      await t.jobs.advance(60 * MINUTE);
      const second = await t.desk.recordCouldNotReach('req-1', 1, manager, personal);
      expect(second.escalation).toMatchObject({ level: 2, lastLevel: false, contacts: [{ label: 'Admin support' }] });
      expect(t.notifier.refreshed).toEqual(['req-1', 'req-1']); // every copy of the card moves on
      // A double click on the level-1 button changes nothing.
      expect((await t.desk.recordCouldNotReach('req-1', 1, manager, personal)).escalation?.level).toBe(2);
      const third = await t.desk.recordCouldNotReach('req-1', 2, manager, personal);
      expect(third.escalation).toMatchObject({ level: 3, lastLevel: true, contacts: [{ label: 'MASH service manager' }] });
      expect((await t.desk.recordCouldNotReach('req-1', 3, manager, personal)).escalation?.level).toBe(3);
      const attempts = (await t.desk.stores.auditLog.auditTrail('req-1')).filter((e) => e.action === 'request.escalation-not-reached');
      expect(attempts.map((e) => [(e.before as { escalationLevel: number }).escalationLevel, (e.after as { escalationLevel: number }).escalationLevel])).toEqual([
        [1, 2],
        [2, 3],
        [3, 3],
      ]);
      expect(JSON.stringify(attempts)).not.toContain('Zanzibarova');
    });

    it('is refused before the escalation and after police contact', async () => {
      t = await urgentAtTwoOnSunday();
      await expect(t.desk.recordCouldNotReach('req-1', 1, manager, personal)).rejects.toBeInstanceOf(ConflictError);
      await t.jobs.advance(60 * MINUTE);
      await t.desk.recordPoliceContact('req-1', manager, personal);
      await expect(t.desk.recordCouldNotReach('req-1', 1, manager, personal)).rejects.toBeInstanceOf(ConflictError);
    });

    it('is refused, and audited, for someone who may not act on the case', async () => {
      t = await urgentAtTwoOnSunday();
      await t.jobs.advance(60 * MINUTE);
      const megan = { id: 'aad-megan', name: 'M. Bowen' };
      await expect(t.desk.recordCouldNotReach('req-1', 1, megan, { kind: 'teams', conversationId: 'a:megan', conversationType: 'personal' })).rejects.toBeInstanceOf(NotPermittedError);
      expect((await t.desk.stores.requests.getRequest('req-1'))?.escalationLevel).toBe(1);
      expect((await t.desk.stores.auditLog.auditTrail('req-1')).filter((e) => e.action === 'access.refused')).toHaveLength(1);
    });
  });
});
