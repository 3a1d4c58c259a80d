import { afterEach, describe, expect, it } from 'vitest';
import { ConcurrencyLimit } from '../../../../scheduling/adapters/graph/ConcurrencyLimit.js';
import { createGraphClient } from '../../../../scheduling/adapters/graph/graphClient.js';
import { GraphMailer } from '../../../../scheduling/adapters/graph/GraphMailer.js';
import { GraphRetry } from '../../../../scheduling/adapters/graph/GraphRetry.js';
import { mailKeyPropertyId } from '../../../../scheduling/adapters/graph/mailKeyProperty.js';
import { mailerContract } from '../../../contracts/mailerContract.js';
import type { FakeGraph } from '../../../fakes/graph/FakeGraph.js';
import { app, mailbox, startFakeGraph } from './openFakeGraphCalendar.js';

mailerContract('GraphMailer', async () => {
  const { fake, client } = await startFakeGraph();
  return {
    mailer: new GraphMailer(client, mailbox),
    sent: async () => fake.sentMail().map((m) => ({ ...m, attachments: m.attachments.map((a) => ({ name: a.name, contentType: a.contentType, content: new Uint8Array(Buffer.from(a.contentBytes, 'base64')) })) })),
    close: () => fake.close(),
  };
});

const referral = { to: ['police.referral.unit@example.org'], subject: 'URGENT S47 ENQUIRY', body: 'Please phone the manager.' };

describe('GraphMailer', () => {
  let fake: FakeGraph | undefined;
  afterEach(async () => {
    await fake?.close();
  });
  async function open(options: Parameters<typeof startFakeGraph>[0] = {}) {
    const started = await startFakeGraph(options);
    fake = started.fake;
    return { fake: started.fake, mailer: new GraphMailer(started.client, mailbox) };
  }

  it('sends plain text from the shared mailbox, keeps a copy in Sent Items, and marks it with its key', async () => {
    const { fake, mailer } = await open();
    await mailer.send('strategy-discussion:b1', {
      to: ['police.referral.unit@example.org'],
      cc: ['manager@example.org'],
      subject: 'Strategy discussion referral N123456',
      body: 'Please call the manager on 01604 000000.\nThank you.',
    });
    expect(fake.sentMail()).toMatchObject([
      {
        mailbox,
        subject: 'Strategy discussion referral N123456',
        contentType: 'text',
        body: 'Please call the manager on 01604 000000.\nThank you.',
        to: ['police.referral.unit@example.org'],
        cc: ['manager@example.org'],
        saveToSentItems: true,
        extendedProperties: { [mailKeyPropertyId]: 'strategy-discussion:b1' },
        headers: { 'X-StrategyDesk-Key': 'strategy-discussion:b1' },
      },
    ]);
  });

  it('sends attachments inline as Graph file attachments: name, content type and the bytes in base64', async () => {
    const { fake, mailer } = await open();
    const content = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x0d, 0x0a]);
    const contentType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    expect(await mailer.send('plan-summary:d1', { ...referral, attachments: [{ name: 'N146782_strategy-discussion-action-plan-summary_2026-11-25.docx', contentType, content }] })).toEqual({ outcome: 'sent' });
    expect(fake.sentMail()[0]!.attachments).toEqual([{ name: 'N146782_strategy-discussion-action-plan-summary_2026-11-25.docx', contentType, contentBytes: 'UEsDBAD/DQo=', size: 8 }]);
  });

  it('sends the bytes of an attachment that is a view into a larger buffer, not the whole buffer', async () => {
    const { fake, mailer } = await open();
    const whole = Uint8Array.from([1, 2, 3, 4, 5, 6]);
    await mailer.send('k1', { ...referral, attachments: [{ name: 'N1.bin', contentType: 'application/octet-stream', content: whole.subarray(2, 4) }] });
    expect(fake.sentMail()[0]!.attachments.map((a) => a.contentBytes)).toEqual([Buffer.from([3, 4]).toString('base64')]);
  });

  it('refuses attachments over 3 MB together without calling Graph: not sent, naming the size', async () => {
    const { fake, mailer } = await open();
    const big = { name: 'N1_record.docx', contentType: 'application/octet-stream', content: new Uint8Array(2 * 1024 * 1024) };
    expect(await mailer.send('k1', { ...referral, attachments: [big, big] })).toEqual({ outcome: 'not-sent', reason: 'attachments too large: 4194304 bytes together, the limit is 3 MB (3145728 bytes)' });
    expect(fake.counts.sendMail).toBe(0);
  });

  it.each([
    ['an attachment that is not a file attachment', { '@odata.type': '#microsoft.graph.itemAttachment', name: 'a', contentBytes: 'AA==' }, 400, /fileAttachment/],
    ['an attachment with no name', { '@odata.type': '#microsoft.graph.fileAttachment', name: ' ', contentBytes: 'AA==' }, 400, /name/],
    ['content that is not base64', { '@odata.type': '#microsoft.graph.fileAttachment', name: 'a', contentBytes: 'not base64!' }, 400, /base64/],
    ['attachments over 3 MB together', { '@odata.type': '#microsoft.graph.fileAttachment', name: 'a', contentBytes: Buffer.alloc(3 * 1024 * 1024 + 1).toString('base64') }, 413, /exceed/],
  ])('the fake Graph refuses %s, as Graph does, and sends nothing', async (_, attachment, status, message) => {
    const { fake, client } = await startFakeGraph();
    try {
      const post = client.api(`/users/${mailbox}/sendMail`).post({ message: { subject: 's', toRecipients: [{ emailAddress: { address: 'a@example.org' } }], attachments: [attachment] } });
      await expect(post).rejects.toMatchObject({ statusCode: status, message: expect.stringMatching(message) });
      expect(fake.sentMail()).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('sends once through throttling', async () => {
    const { fake, mailer } = await open({ settings: { throttleRate: 0.5 }, seed: 3 });
    const outcomes = await Promise.all(Array.from({ length: 6 }, (_, i) => mailer.send(`k${i}`, { to: ['a@example.org'], subject: `n${i}`, body: '' })));
    expect(outcomes.every((o) => o.outcome === 'sent')).toBe(true);
    expect(fake.sentMail().map((m) => m.subject).sort()).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5']);
    expect(fake.counts.throttled).toBeGreaterThan(0);
  });

  it('retries a sendMail answered 429 (throttled before processing) and sends it once', async () => {
    const { fake, mailer } = await open();
    fake.failNext('sendMail', { status: 429, retryAfterSeconds: 0.01 });
    expect(await mailer.send('k1', referral)).toEqual({ outcome: 'sent' });
    expect(fake.counts.sendMail).toBe(2);
    expect(fake.sentMail()).toHaveLength(1);
  });

  it.each([
    ['503 after Graph sent it', { status: 503, afterProcessing: true }, 1],
    ['504 after Graph sent it', { status: 504, afterProcessing: true }, 1],
    ['503 before Graph took it', { status: 503 }, 0],
    ['a dropped connection after Graph sent it', { status: 0, afterProcessing: true }, 1],
  ])('never resends after %s: reports it maybe sent', async (_, fault, stored) => {
    const { fake, mailer } = await open();
    fake.failNext('sendMail', fault);
    expect(await mailer.send('k1', referral)).toMatchObject({ outcome: 'maybe-sent' });
    expect(fake.counts.sendMail).toBe(1);
    expect(fake.sentMail()).toHaveLength(stored);
    expect(await mailer.wasSent('k1')).toEqual(stored ? new Date(fake.sentMail()[0]!.sentDateTime) : undefined);
  });

  it('reports a message Graph refuses as not sent, with the status and code but not the text', async () => {
    const { fake, mailer } = await open();
    expect(await mailer.send('k1', { to: [], subject: 'x', body: 'y' })).toEqual({ outcome: 'not-sent', reason: 'HTTP 400 ErrorInvalidRecipients' });
    expect(fake.sentMail()).toEqual([]);
  });

  it('fails the Sent Items look-up when Graph cannot answer it, rather than saying "not sent"', async () => {
    const { fake, mailer } = await open();
    fake.failNext('listMessages', { status: 403 });
    await expect(mailer.wasSent('k1')).rejects.toMatchObject({ statusCode: 403 });
  });

  it('reports a send that could not get a token as not sent: nothing reached Graph', async () => {
    const { fake } = await open();
    const client = createGraphClient({ ...app, clientSecret: 'wrong', baseUrl: fake.graphBaseUrl, authorityHost: fake.authorityHost });
    expect(await new GraphMailer(client, mailbox).send('k1', referral)).toMatchObject({ outcome: 'not-sent' });
    expect(fake.counts.sendMail).toBe(0);
  });

  it('cuts off a sendMail still unanswered when its time budget runs out, and reports it maybe sent', async () => {
    const started = await startFakeGraph();
    fake = started.fake;
    fake.hold('sendMail');
    const mailer = new GraphMailer(started.client, mailbox, new ConcurrencyLimit(4), new GraphRetry({ budgetMs: 500, maxRetries: 10, firstDelayMs: 100 }));
    expect(await mailer.send('k1', referral)).toMatchObject({ outcome: 'maybe-sent' });
    expect(fake.held).toBe(1); // Graph still has it: it may yet go
  });
});
