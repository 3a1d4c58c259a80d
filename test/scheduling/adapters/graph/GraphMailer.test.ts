import { afterEach, describe, expect, it } from 'vitest';
import { GraphMailer } from '../../../../scheduling/adapters/graph/GraphMailer.js';
import type { FakeGraph } from '../../../fakes/graph/FakeGraph.js';
import { mailbox, startFakeGraph } from './openFakeGraphCalendar.js';

describe('GraphMailer', () => {
  let fake: FakeGraph | undefined;
  afterEach(async () => {
    await fake?.close();
  });

  it('sends plain text from the shared mailbox and keeps a copy in Sent Items', async () => {
    const started = await startFakeGraph();
    fake = started.fake;
    await new GraphMailer(started.client, mailbox).send({
      to: ['police.referral.unit@example.org'],
      cc: ['manager@example.org'],
      subject: 'Strategy discussion referral N123456',
      body: 'Please call the manager on 01604 000000.\nThank you.',
    });
    expect(fake.sentMail()).toEqual([
      {
        mailbox,
        subject: 'Strategy discussion referral N123456',
        contentType: 'text',
        body: 'Please call the manager on 01604 000000.\nThank you.',
        to: ['police.referral.unit@example.org'],
        cc: ['manager@example.org'],
        saveToSentItems: true,
      },
    ]);
  });

  it('sends once through throttling', async () => {
    const started = await startFakeGraph({ settings: { throttleRate: 0.5 }, seed: 3 });
    fake = started.fake;
    const mailer = new GraphMailer(started.client, mailbox);
    await Promise.all(Array.from({ length: 6 }, (_, i) => mailer.send({ to: ['a@example.org'], subject: `n${i}`, body: '' })));
    expect(fake.sentMail().map((m) => m.subject).sort()).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5']);
    expect(fake.counts.throttled).toBeGreaterThan(0);
  });

  it('fails when Graph refuses the message', async () => {
    const started = await startFakeGraph();
    fake = started.fake;
    await expect(new GraphMailer(started.client, mailbox).send({ to: [], subject: 'x', body: 'y' })).rejects.toMatchObject({ statusCode: 400, code: 'ErrorInvalidRecipients' });
    expect(fake.sentMail()).toEqual([]);
  });
});
