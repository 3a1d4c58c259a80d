import { describe, expect, it } from 'vitest';
import { MAIL_CLAIM_LEASE_SECONDS } from '../../../scheduling/services/MailOnce.js';
import { FakeGraph } from '../../fakes/graph/FakeGraph.js';
import { manager, requestInput } from '../../fakes/testDesk.js';
import { openGraphDesk } from '../../fakes/graphDesk.js';

const urgent = () => requestInput({ urgent: 'non-mobile-injury' });
const urgentMails = (f: FakeGraph) => f.sentMail().filter((m) => m.subject === 'URGENT S47 ENQUIRY');
/** Past both the reconciler's settling time and the mail claim's lease. */
const afterLease = (MAIL_CLAIM_LEASE_SECONDS + 60) * 1000;

describe('police email through Microsoft Graph', () => {
  it('sends an URGENT S47 ENQUIRY once when Graph answers 503 after sending it: pending until found in Sent Items', async () => {
    const { fake, desk, clock } = await openGraphDesk();
    fake.failNext('sendMail', { status: 503, afterProcessing: true });
    const outcome = await desk.intake.submit(urgent(), manager, 'u1');
    if (outcome.route !== 'urgent') throw new Error('expected the urgent route');
    expect(urgentMails(fake)).toHaveLength(1);
    expect(outcome.email).toBe('pending'); // maybe sent: never reported as sent, never sent blind again
    expect(outcome.sentAt).toBeUndefined();
    expect((await desk.stores.requests.getRequest(outcome.request.id))?.urgentSentAt).toBeUndefined();

    expect((await desk.reconciler.run()).urgentSent).toEqual([]); // within the lease: left alone
    clock.advance(afterLease);
    const report = await desk.reconciler.run();
    expect(report.urgentSent).toEqual([outcome.request.id]);
    expect(fake.counts.listMessages).toBeGreaterThan(0); // it looked in Sent Items...
    expect(urgentMails(fake)).toHaveLength(1); // ...and found it there, so it did not send again
    const stamped = await desk.stores.requests.getRequest(outcome.request.id);
    expect(stamped?.urgentSentAt?.toISOString()).toBe(fake.sentMail()[0]!.sentDateTime);
    expect((await desk.reconciler.run()).urgentSent).toEqual([]);
    expect(urgentMails(fake)).toHaveLength(1);
  });

  it('sends an URGENT S47 ENQUIRY that Graph answered 503 before taking it, after looking in Sent Items', async () => {
    const { fake, desk, clock } = await openGraphDesk();
    fake.failNext('sendMail', { status: 503 });
    const outcome = await desk.intake.submit(urgent(), manager, 'u1');
    if (outcome.route !== 'urgent') throw new Error('expected the urgent route');
    expect(outcome.email).toBe('pending');
    expect(urgentMails(fake)).toHaveLength(0);
    clock.advance(afterLease);
    expect((await desk.reconciler.run()).urgentSent).toEqual([outcome.request.id]);
    expect(urgentMails(fake)).toHaveLength(1);
    expect(fake.counts.listMessages).toBe(1);
  });

  it('retries a sendMail answered 429 (throttled, not processed) and sends it once', async () => {
    const { fake, desk } = await openGraphDesk();
    fake.failNext('sendMail', { status: 429, retryAfterSeconds: 0.01 });
    const outcome = await desk.intake.submit(urgent(), manager, 'u1');
    if (outcome.route !== 'urgent') throw new Error('expected the urgent route');
    expect(outcome.email).toBe('sent');
    expect(fake.counts.sendMail).toBe(2);
    expect(urgentMails(fake)).toHaveLength(1);
  });

  it('holds a maybe-sent email for a person when Sent Items cannot be read, and never sends it blind', async () => {
    const { fake, desk, clock } = await openGraphDesk();
    fake.failNext('sendMail', { status: 504, afterProcessing: true });
    for (let i = 0; i < 3; i++) fake.failNext('listMessages', { status: 403 }); // e.g. Mail.Read not granted on the mailbox
    const outcome = await desk.intake.submit(urgent(), manager, 'u1');
    if (outcome.route !== 'urgent') throw new Error('expected the urgent route');
    clock.advance(afterLease);
    const report = await desk.reconciler.run();
    const key = `urgent-s47:${outcome.request.id}`;
    expect(report.needsChecking).toEqual([key]);
    expect(report.urgentSent).toEqual([]);
    expect(urgentMails(fake)).toHaveLength(1);
    expect((await desk.stores.auditLog.auditTrail(key)).map((e) => e.action)).toEqual(['mail.maybe-sent', 'mail.needs-checking']);
    // Later runs still report it, and still do not send; a retried submit says so too.
    clock.advance(afterLease);
    expect((await desk.reconciler.run()).needsChecking).toEqual([key]);
    const again = await desk.intake.submit(urgent(), manager, 'u1');
    expect(again).toMatchObject({ route: 'urgent', replayed: true, email: 'needs-checking' });
    expect(urgentMails(fake)).toHaveLength(1);
    // Once Sent Items can be read and shows it, the hold settles by itself: recorded sent, not resent.
    const settled = await desk.reconciler.run();
    expect(settled).toMatchObject({ needsChecking: [], urgentSent: [outcome.request.id] });
    expect(urgentMails(fake)).toHaveLength(1);
  });

  it('shows a booked slot whose police email failed as booked, email pending, and sends the email later', async () => {
    const { fake, desk, clock } = await openGraphDesk();
    fake.failNext('sendMail', { status: 400 }); // refused outright: not sent
    const outcome = await desk.intake.submit(requestInput(), manager, 'k1');
    if (outcome.route !== 'rota') throw new Error('expected the rota route');
    expect(outcome.booking.status).toBe('booked');
    expect(outcome.policeEmail).toBe('pending');
    expect(fake.sentMail()).toHaveLength(0);
    clock.advance(afterLease);
    expect((await desk.reconciler.run()).mailsSent).toEqual([outcome.booking.id]);
    expect(fake.sentMail().map((m) => m.subject)).toEqual(['Strategy discussion']);
  });
});
