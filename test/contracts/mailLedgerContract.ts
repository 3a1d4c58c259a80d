import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../scheduling/adapters/pg/Db.js';
import { migrate } from '../../scheduling/adapters/pg/migrate.js';
import { sqlStores, type Stores } from '../../scheduling/adapters/pg/sqlStores.js';
import { actor, at, booking, CAL, cell, request } from './storeFixtures.js';

/**
 * What every MailLedger adapter must do, whatever engine is under it. Run by
 * `test/scheduling/adapters/pg/SqlMailLedger.test.ts` on PGlite and on the PostgreSQL server. The other
 * stores of the same database set up what it needs (a request for a booking).
 */
export function mailLedgerContract(name: string, openDb: () => Promise<Db>): void {
  describe(`MailLedger contract: ${name}`, () => {
    let db: Db;
    let stores: Stores;
    beforeEach(async () => {
      db = await openDb();
      await migrate(db);
      stores = sqlStores(db);
    });
    afterEach(async () => {
      await db.close();
    });

    it('claims a mail key once, and again after it is released', async () => {
      expect(await stores.mailLedger.claimMail('m1', at)).toEqual({ state: 'claimed', earlierAttempt: false });
      expect(await stores.mailLedger.claimMail('m1', at)).toEqual({ state: 'in-flight' });
      await stores.mailLedger.releaseMail('m1');
      expect(await stores.mailLedger.claimMail('m1', at)).toEqual({ state: 'claimed', earlierAttempt: false });
    });

    it('lets a stale unsent claim be taken again, as an earlier attempt, but never a sent one', async () => {
      const later = new Date(at.getTime() + 600_000);
      expect(await stores.mailLedger.claimMail('m1', at)).toMatchObject({ state: 'claimed' });
      expect(await stores.mailLedger.claimMail('m1', later, at)).toEqual({ state: 'in-flight' }); // claimed at `at`, not before it
      expect(await stores.mailLedger.claimMail('m1', later, new Date(at.getTime() + 1))).toEqual({ state: 'claimed', earlierAttempt: true }); // its sender died
      await stores.mailLedger.markMailSent('m1', later);
      expect(await stores.mailLedger.claimMail('m1', new Date(later.getTime() + 600_000), new Date(later.getTime() + 300_000))).toEqual({ state: 'sent', at: later });
      expect(await stores.mailLedger.mailState('m1')).toEqual({ state: 'sent', at: later });
      expect(await stores.mailLedger.mailState('never')).toBeUndefined();
    });

    it('keeps a maybe-sent mail claimed for a lease counted from the failure, and audits it', async () => {
      const failedAt = new Date(at.getTime() + 60_000);
      await stores.mailLedger.claimMail('m1', at);
      await stores.mailLedger.markMailMaybeSent('m1', failedAt, 'HTTP 503 ServiceUnavailable', actor);
      expect(await stores.mailLedger.claimMail('m1', failedAt, new Date(at.getTime() + 1))).toEqual({ state: 'in-flight' });
      expect(await stores.mailLedger.claimMail('m1', failedAt, new Date(failedAt.getTime() + 1))).toEqual({ state: 'claimed', earlierAttempt: true });
      expect(await stores.auditLog.auditTrail('m1')).toMatchObject([{ action: 'mail.maybe-sent', entity: 'mail', entityId: 'm1', actor, after: { reason: 'HTTP 503 ServiceUnavailable' } }]);
    });

    it('holds a mail for a person: no sender may claim it, it is listed until settled, and each step is audited', async () => {
      const later = new Date(at.getTime() + 600_000);
      await stores.mailLedger.claimMail('m1', at);
      await stores.mailLedger.markMailNeedsChecking('m1', at, 'sent mail could not be read', actor);
      expect(await stores.mailLedger.claimMail('m1', later, later)).toEqual({ state: 'needs-checking', since: at });
      expect(await stores.mailLedger.mailState('m1')).toEqual({ state: 'needs-checking', since: at });
      expect(await stores.mailLedger.mailsNeedingChecking()).toEqual([{ key: 'm1', since: at }]);
      await stores.mailLedger.settleMailCheck('m1', 'send-again', { id: 'aad-9', name: 'C. Brown' }, later);
      expect(await stores.mailLedger.mailsNeedingChecking()).toEqual([]);
      expect(await stores.mailLedger.claimMail('m1', later)).toEqual({ state: 'claimed', earlierAttempt: false });
      await stores.mailLedger.markMailNeedsChecking('m1', later, 'sent mail could not be read', actor);
      await stores.mailLedger.settleMailCheck('m1', 'was-sent', { id: 'aad-9', name: 'C. Brown' }, later);
      expect(await stores.mailLedger.mailState('m1')).toEqual({ state: 'sent', at: later });
      const trail = await stores.auditLog.auditTrail('m1');
      expect(trail.map((e) => e.action)).toEqual(['mail.needs-checking', 'mail.check-settled', 'mail.needs-checking', 'mail.check-settled']);
      expect(trail[1]).toMatchObject({ actor: { id: 'aad-9' }, after: { decision: 'send-again' } });
    });
  });
}
