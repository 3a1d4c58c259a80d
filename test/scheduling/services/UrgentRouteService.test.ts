import { afterEach, describe, expect, it } from 'vitest';
import { MAIL_CLAIM_LEASE_SECONDS } from '../../../scheduling/services/MailOnce.js';
import { manager, openTestDesk, requestInput, type TestDesk } from '../../fakes/testDesk.js';

let t: TestDesk | undefined;
afterEach(async () => {
  await t?.desk.close();
  t = undefined;
});

/** Request ids the test knows in advance: req-1, req-2, ... */
function counter() {
  let n = 0;
  return () => `req-${++n}`;
}
const urgent = () => requestInput({ urgent: 'non-mobile-injury' });

describe('UrgentRouteService', () => {
  it('keeps the urgent email pending and unstamped while another sender holds its claim', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z', {}, { newId: counter() });
    expect(await t.desk.stores.mailLedger.claimMail('urgent-s47:req-1', t.clock.now())).toBeTruthy(); // another process is sending it
    const outcome = await t.desk.intake.submit(urgent(), manager, 'u1');
    if (outcome.route !== 'urgent') throw new Error('expected the urgent route');
    expect(outcome.email).toBe('pending');
    expect(outcome.sentAt).toBeUndefined();
    expect((await t.desk.stores.requests.getRequest('req-1'))?.urgentSentAt).toBeUndefined();
    expect(await t.outbox.listOutbox()).toEqual([]);
    // The one-hour clock does not wait for the email: it counts from the request.
    expect(outcome.policeContactDue.toISOString()).toBe('2026-11-23T13:00:00.000Z');
  });

  it('has the reconciler send it when that other sender failed and gave the claim back', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z', {}, { newId: counter() });
    await t.desk.stores.mailLedger.claimMail('urgent-s47:req-1', t.clock.now());
    await t.desk.intake.submit(urgent(), manager, 'u1');
    await t.desk.stores.mailLedger.releaseMail('urgent-s47:req-1'); // its send failed
    t.clock.advance(10 * 60_000);
    expect((await t.desk.reconciler.run()).urgentSent).toEqual(['req-1']);
    expect((await t.outbox.listOutbox()).map((m) => m.subject)).toEqual(['URGENT S47 ENQUIRY']);
    expect((await t.desk.stores.requests.getRequest('req-1'))?.urgentSentAt?.toISOString()).toBe('2026-11-23T12:10:00.000Z');
  });

  it('has the reconciler look in sent mail when that other sender died mid-send, and send only if it is not there', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z', {}, { newId: counter() });
    await t.desk.stores.mailLedger.claimMail('urgent-s47:req-1', t.clock.now());
    await t.desk.intake.submit(urgent(), manager, 'u1');
    t.clock.advance(30_000);
    expect((await t.desk.reconciler.run()).urgentSent).toEqual([]); // the claim's lease still runs
    t.clock.advance(MAIL_CLAIM_LEASE_SECONDS * 1000);
    expect((await t.desk.reconciler.run()).urgentSent).toEqual(['req-1']);
    expect(await t.outbox.listOutbox()).toHaveLength(1);
  });

  it('records the time the ledger has when another sender sent it but died before recording it on the request', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z', {}, { newId: counter() });
    const sentAt = new Date('2026-11-23T11:59:00Z');
    await t.desk.stores.mailLedger.claimMail('urgent-s47:req-1', sentAt);
    await t.desk.stores.mailLedger.markMailSent('urgent-s47:req-1', sentAt);
    const outcome = await t.desk.intake.submit(urgent(), manager, 'u1');
    expect(outcome).toMatchObject({ route: 'urgent', email: 'sent', sentAt });
    expect((await t.desk.stores.requests.getRequest('req-1'))?.urgentSentAt).toEqual(sentAt);
    expect(await t.outbox.listOutbox()).toEqual([]); // not sent a second time
  });

  it('says the email went, and when, once it has', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z', {}, { newId: counter() });
    const outcome = await t.desk.intake.submit(urgent(), manager, 'u1');
    expect(outcome).toMatchObject({ route: 'urgent', email: 'sent', sentAt: new Date('2026-11-23T12:00:00Z'), policeContactDue: new Date('2026-11-23T13:00:00Z') });
    expect((await t.desk.urgent.recordPoliceContact('req-1', manager, { kind: 'operator' })).email).toBe('sent');
  });
});
