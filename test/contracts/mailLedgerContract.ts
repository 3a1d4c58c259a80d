import { describe, expect, it } from 'vitest';
import type { Db } from '../../scheduling/adapters/pg/Db.js';
import { actor, at, storesPerTest } from './storeFixtures.js';

/**
 * What every MailLedger adapter must do, whatever engine is under it. Run by
 * `test/scheduling/adapters/pg/SqlMailLedger.test.ts` on PGlite and on the PostgreSQL server. The other
 * stores of the same database set up what it needs (a request for a booking).
 */
export function mailLedgerContract(name: string, openDb: () => Promise<Db>): void {
  describe(`MailLedger contract: ${name}`, () => {
    const t = storesPerTest(openDb);

    it('claims a mail key once, and again after it is released', async () => {
      expect(await t.stores.mailLedger.claimMail('m1', at)).toEqual({ state: 'claimed', earlierAttempt: false });
      expect(await t.stores.mailLedger.claimMail('m1', at)).toEqual({ state: 'in-flight' });
      await t.stores.mailLedger.releaseMail('m1');
      expect(await t.stores.mailLedger.claimMail('m1', at)).toEqual({ state: 'claimed', earlierAttempt: false });
    });

    it('lets a stale unsent claim be taken again, as an earlier attempt, but never a sent one', async () => {
      const later = new Date(at.getTime() + 600_000);
      expect(await t.stores.mailLedger.claimMail('m1', at)).toMatchObject({ state: 'claimed' });
      expect(await t.stores.mailLedger.claimMail('m1', later, at)).toEqual({ state: 'in-flight' }); // claimed at `at`, not before it
      expect(await t.stores.mailLedger.claimMail('m1', later, new Date(at.getTime() + 1))).toEqual({ state: 'claimed', earlierAttempt: true }); // its sender died
      await t.stores.mailLedger.markMailSent('m1', later);
      expect(await t.stores.mailLedger.claimMail('m1', new Date(later.getTime() + 600_000), new Date(later.getTime() + 300_000))).toEqual({ state: 'sent', at: later });
      expect(await t.stores.mailLedger.mailState('m1')).toEqual({ state: 'sent', at: later });
      expect(await t.stores.mailLedger.mailState('never')).toBeUndefined();
    });

    it('keeps a maybe-sent mail claimed for a lease counted from the failure, and audits it', async () => {
      const failedAt = new Date(at.getTime() + 60_000);
      await t.stores.mailLedger.claimMail('m1', at);
      await t.stores.mailLedger.markMailMaybeSent('m1', failedAt, 'HTTP 503 ServiceUnavailable', actor);
      expect(await t.stores.mailLedger.claimMail('m1', failedAt, new Date(at.getTime() + 1))).toEqual({ state: 'in-flight' });
      expect(await t.stores.mailLedger.claimMail('m1', failedAt, new Date(failedAt.getTime() + 1))).toEqual({ state: 'claimed', earlierAttempt: true });
      expect(await t.stores.auditLog.auditTrail('m1')).toMatchObject([{ action: 'mail.maybe-sent', entity: 'mail', entityId: 'm1', actor, after: { reason: 'HTTP 503 ServiceUnavailable' } }]);
    });

    it('holds a mail for a person: no sender may claim it, it is listed until settled, and each step is audited', async () => {
      const later = new Date(at.getTime() + 600_000);
      await t.stores.mailLedger.claimMail('m1', at);
      await t.stores.mailLedger.markMailNeedsChecking('m1', at, 'sent mail could not be read', actor);
      expect(await t.stores.mailLedger.claimMail('m1', later, later)).toEqual({ state: 'needs-checking', since: at });
      expect(await t.stores.mailLedger.mailState('m1')).toEqual({ state: 'needs-checking', since: at });
      expect(await t.stores.mailLedger.mailsNeedingChecking()).toEqual([{ key: 'm1', since: at }]);
      await t.stores.mailLedger.settleMailCheck('m1', 'send-again', { id: 'aad-9', name: 'C. Brown' }, later);
      expect(await t.stores.mailLedger.mailsNeedingChecking()).toEqual([]);
      expect(await t.stores.mailLedger.claimMail('m1', later)).toEqual({ state: 'claimed', earlierAttempt: false });
      await t.stores.mailLedger.markMailNeedsChecking('m1', later, 'sent mail could not be read', actor);
      await t.stores.mailLedger.settleMailCheck('m1', 'was-sent', { id: 'aad-9', name: 'C. Brown' }, later);
      expect(await t.stores.mailLedger.mailState('m1')).toEqual({ state: 'sent', at: later });
      const trail = await t.stores.auditLog.auditTrail('m1');
      expect(trail.map((e) => e.action)).toEqual(['mail.needs-checking', 'mail.check-settled', 'mail.needs-checking', 'mail.check-settled']);
      expect(trail[1]).toMatchObject({ actor: { id: 'aad-9' }, after: { decision: 'send-again' } });
    });
  });
}
