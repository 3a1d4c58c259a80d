import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../scheduling/adapters/pg/migrate.js';
import { sqlStores, type Stores } from '../../../scheduling/adapters/pg/sqlStores.js';
import type { Db } from '../../../scheduling/adapters/pg/Db.js';
import type { MailDelivery, Mailer } from '../../../scheduling/ports/Mailer.js';
import type { Mail } from '../../../scheduling/model/Mail.js';
import { MAIL_CLAIM_LEASE_SECONDS, MailOnce } from '../../../scheduling/services/MailOnce.js';
import { ManualClock } from '../../fakes/ManualClock.js';
import { openTestPglite } from '../../fakes/testDb.js';

/** A mailer that answers as the test scripts it, with a sent-mail folder the test can fill. */
class ScriptedMailer implements Mailer {
  readonly sends: string[] = [];
  readonly answers: MailDelivery[] = [];
  readonly sentFolder = new Map<string, Date>();
  checks = 0;
  checkFails = false;
  constructor(private readonly clock: ManualClock) {}
  async send(key: string, _mail: Mail): Promise<MailDelivery> {
    this.sends.push(key);
    const answer = this.answers.shift() ?? { outcome: 'sent' };
    if (answer.outcome === 'sent') this.sentFolder.set(key, this.clock.now());
    return answer;
  }
  async wasSent(key: string): Promise<Date | undefined> {
    this.checks++;
    if (this.checkFails) throw new Error('the mailbox could not be read');
    return this.sentFolder.get(key);
  }
}

const referral: Mail = { to: ['police.referral.unit@example.org'], subject: 'URGENT S47 ENQUIRY', body: 'Please phone the manager.' };
const lease = MAIL_CLAIM_LEASE_SECONDS * 1000;
const person = { id: 'aad-admin', name: 'Desk admin' };

describe('MailOnce', () => {
  let db: Db;
  let stores: Stores;
  let clock: ManualClock;
  let mailer: ScriptedMailer;
  let mail: MailOnce;
  beforeEach(async () => {
    db = await openTestPglite();
    await migrate(db);
    stores = sqlStores(db);
    clock = new ManualClock('2026-11-23T12:00:00Z'); // Mon
    mailer = new ScriptedMailer(clock);
    mail = new MailOnce({ mailLedger: stores.mailLedger, mailer, clock });
  });
  afterEach(async () => {
    await db.close();
  });

  it('sends a mail once per key: a second call finds it recorded sent', async () => {
    const first = await mail.sendOnce('k1', referral);
    clock.advance(60_000);
    const second = await mail.sendOnce('k1', referral);
    expect(first).toEqual({ state: 'sent', sentAt: new Date('2026-11-23T12:00:00Z'), sentNow: true });
    expect(second).toEqual({ state: 'sent', sentAt: new Date('2026-11-23T12:00:00Z'), sentNow: false });
    expect(mailer.sends).toEqual(['k1']);
    expect(await mail.stateOf('k1')).toBe('sent');
  });

  it('gives the key back after a refused send, so the next call sends it', async () => {
    mailer.answers.push({ outcome: 'not-sent', reason: 'HTTP 400 ErrorInvalidRecipients' });
    expect(await mail.sendOnce('k1', referral)).toMatchObject({ state: 'pending', sentNow: false });
    expect(await mail.stateOf('k1')).toBe('pending');
    expect(await mail.sendOnce('k1', referral)).toMatchObject({ state: 'sent', sentNow: true });
    expect(mailer.sends).toEqual(['k1', 'k1']);
  });

  it('leaves a claimed mail to its sender: another caller is told it is pending and sends nothing', async () => {
    await stores.mailLedger.claimMail('k1', clock.now());
    expect(await mail.sendOnce('k1', referral)).toMatchObject({ state: 'pending', sentNow: false });
    expect(mailer.sends).toEqual([]);
  });

  it('keeps a mail that may have gone from every sender until the lease passes, then finds it in sent mail and does not send it again', async () => {
    mailer.answers.push({ outcome: 'maybe-sent', reason: 'HTTP 503 ServiceUnavailable' });
    mailer.sentFolder.set('k1', clock.now()); // the mailbox did send it, but answered 503
    expect(await mail.sendOnce('k1', referral)).toMatchObject({ state: 'pending', sentNow: false });
    clock.advance(lease - 1_000);
    expect(await mail.sendOnce('k1', referral)).toMatchObject({ state: 'pending' });
    expect(mailer.checks).toBe(0);
    clock.advance(2_000);
    expect(await mail.sendOnce('k1', referral)).toEqual({ state: 'sent', sentAt: new Date('2026-11-23T12:00:00Z'), sentNow: false });
    expect(mailer.sends).toEqual(['k1']);
    expect(mailer.checks).toBe(1);
    expect((await stores.auditLog.auditTrail('k1')).map((e) => e.action)).toEqual(['mail.maybe-sent']);
  });

  it('sends a mail that may have gone once sent mail shows it did not', async () => {
    mailer.answers.push({ outcome: 'maybe-sent', reason: 'connection reset' });
    await mail.sendOnce('k1', referral);
    clock.advance(lease + 1_000);
    expect(await mail.sendOnce('k1', referral)).toMatchObject({ state: 'sent', sentNow: true });
    expect(mailer.sends).toEqual(['k1', 'k1']);
    expect(mailer.checks).toBe(1);
  });

  it('treats a sender that died mid-send as maybe sent: the next sender looks in sent mail first', async () => {
    await stores.mailLedger.claimMail('k1', clock.now()); // claimed, then the process died
    mailer.sentFolder.set('k1', clock.now());
    clock.advance(lease + 1_000);
    expect(await mail.sendOnce('k1', referral)).toMatchObject({ state: 'sent', sentNow: false });
    expect(mailer.sends).toEqual([]);
  });

  it('holds the mail for a person when sent mail cannot be checked: audited, listed, never sent blind', async () => {
    mailer.answers.push({ outcome: 'maybe-sent', reason: 'HTTP 504 GatewayTimeout' });
    await mail.sendOnce('k1', referral);
    mailer.checkFails = true;
    clock.advance(lease + 1_000);
    expect(await mail.sendOnce('k1', referral)).toMatchObject({ state: 'needs-checking', sentNow: false });
    clock.advance(lease + 1_000);
    expect(await mail.sendOnce('k1', referral)).toMatchObject({ state: 'needs-checking' });
    expect(mailer.sends).toEqual(['k1']);
    expect(await mail.stateOf('k1')).toBe('needs-checking');
    expect((await stores.mailLedger.mailsNeedingChecking()).map((m) => m.key)).toEqual(['k1']);
    const trail = await stores.auditLog.auditTrail('k1');
    expect(trail.map((e) => e.action)).toEqual(['mail.maybe-sent', 'mail.needs-checking']);
    expect(trail[1]).toMatchObject({ entity: 'mail', after: { reason: 'sent mail could not be checked: Error' } });
  });

  it('settles a held mail by itself when sent mail can be read again and shows it went', async () => {
    mailer.answers.push({ outcome: 'maybe-sent', reason: 'HTTP 504 GatewayTimeout' });
    mailer.sentFolder.set('k1', clock.now());
    await mail.sendOnce('k1', referral);
    mailer.checkFails = true;
    clock.advance(lease + 1_000);
    await mail.sendOnce('k1', referral);
    mailer.checkFails = false;
    expect(await mail.sendOnce('k1', referral)).toMatchObject({ state: 'sent', sentNow: false });
    expect(await stores.mailLedger.mailsNeedingChecking()).toEqual([]);
    expect(mailer.sends).toEqual(['k1']);
  });

  it('keeps a held mail held when sent mail can be read again but does not show it: a person decides', async () => {
    mailer.answers.push({ outcome: 'maybe-sent', reason: 'HTTP 504 GatewayTimeout' });
    await mail.sendOnce('k1', referral);
    mailer.checkFails = true;
    clock.advance(lease + 1_000);
    await mail.sendOnce('k1', referral);
    mailer.checkFails = false;
    expect(await mail.sendOnce('k1', referral)).toMatchObject({ state: 'needs-checking' });
    expect(mailer.sends).toEqual(['k1']);
  });

  it('lets a person settle a held mail: "it went" records it sent; "send again" lets the next call send it', async () => {
    for (const key of ['went', 'again']) {
      mailer.answers.push({ outcome: 'maybe-sent', reason: 'HTTP 504 GatewayTimeout' });
      await mail.sendOnce(key, referral);
    }
    mailer.checkFails = true;
    clock.advance(lease + 1_000);
    await mail.sendOnce('went', referral);
    await mail.sendOnce('again', referral);
    await mail.settleCheck('went', 'was-sent', person);
    await mail.settleCheck('again', 'send-again', person);
    expect(await mail.stateOf('went')).toBe('sent');
    expect(await mail.sendOnce('again', referral)).toMatchObject({ state: 'sent', sentNow: true });
    expect(mailer.sends).toEqual(['went', 'again', 'again']);
    expect((await stores.auditLog.auditTrail('again')).at(-1)).toMatchObject({ action: 'mail.check-settled', actor: person, after: { decision: 'send-again' } });
  });
});
