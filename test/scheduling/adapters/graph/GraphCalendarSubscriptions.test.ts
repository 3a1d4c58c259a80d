import { afterEach, describe, expect, it } from 'vitest';
import { GraphCalendarSubscriptions } from '../../../../scheduling/adapters/graph/GraphCalendarSubscriptions.js';
import type { NewCalendarSubscription } from '../../../../scheduling/ports/CalendarSubscriptions.js';
import type { FakeGraph } from '../../../fakes/graph/FakeGraph.js';
import { FakeGraphRemote } from '../../../fakes/graph/FakeGraphRemote.js';
import { SubscriberEndpoint } from '../../../fakes/graph/subscriberEndpoint.js';
import { ManualClock } from '../../../fakes/ManualClock.js';
import { mailbox, startFakeGraph } from './openFakeGraphCalendar.js';

const publicUrl = 'https://desk.council.example';
const day = 24 * 3_600_000;

describe('GraphCalendarSubscriptions', () => {
  let fake: FakeGraph | undefined;
  let endpoint: SubscriberEndpoint | undefined;
  afterEach(async () => {
    await fake?.close();
    await endpoint?.close();
    fake = endpoint = undefined;
  });

  async function open() {
    const clock = new ManualClock('2026-11-23T12:00:00Z');
    const started = await startFakeGraph({ now: () => clock.now() });
    fake = started.fake;
    endpoint = await new SubscriberEndpoint().start();
    fake.subscriptions.forward(publicUrl, endpoint.url);
    const wanted: NewCalendarSubscription = {
      resource: `/users/${mailbox}/events`,
      notificationUrl: `${publicUrl}/api/graph/notifications`,
      lifecycleNotificationUrl: `${publicUrl}/api/graph/lifecycle`,
      clientState: 'a-secret-of-43-characters-xxxxxxxxxxxxxxxxx',
      expiresAt: new Date(clock.now().getTime() + 3 * day),
    };
    return { fake, endpoint, clock, subscriptions: new GraphCalendarSubscriptions(started.client), wanted };
  }

  it('subscribes to created, updated and deleted events once both URLs answer the validation', async () => {
    const { fake, subscriptions, wanted } = await open();
    const term = await subscriptions.create(wanted);
    expect(term.expiresAt).toEqual(wanted.expiresAt);
    expect(fake.subscriptions.list()).toEqual([
      {
        id: term.id,
        resource: wanted.resource,
        changeType: 'created,updated,deleted',
        notificationUrl: wanted.notificationUrl,
        lifecycleNotificationUrl: wanted.lifecycleNotificationUrl,
        clientState: wanted.clientState,
        expirationDateTime: wanted.expiresAt.toISOString(),
      },
    ]);
    expect(fake.subscriptions.deliveries.map((d) => [d.kind, d.url, d.status])).toEqual([
      ['validation', wanted.notificationUrl, 200],
      ['validation', wanted.lifecycleNotificationUrl, 200],
    ]);
  });

  it('gets no subscription when the endpoint does not echo the validation token', async () => {
    const { fake, endpoint, subscriptions, wanted } = await open();
    endpoint.echo = false;
    await expect(subscriptions.create(wanted)).rejects.toMatchObject({ statusCode: 400 });
    expect(fake.subscriptions.list()).toEqual([]);
  });

  it('is refused a subscription longer than Outlook allows for events (10,080 minutes)', async () => {
    const { fake, subscriptions, wanted, clock } = await open();
    await expect(subscriptions.create({ ...wanted, expiresAt: new Date(clock.now().getTime() + 7 * day + 60_000) })).rejects.toMatchObject({ statusCode: 400 });
    expect(fake.subscriptions.list()).toEqual([]);
  });

  it('renews a subscription, and says gone once Graph no longer has it', async () => {
    const { fake, subscriptions, wanted, clock } = await open();
    const { id } = await subscriptions.create(wanted);
    clock.advance(2 * day);
    const later = new Date(clock.now().getTime() + 3 * day);
    expect(await subscriptions.renew(id, later)).toEqual({ id, expiresAt: later });
    expect(fake.subscriptions.list()[0]?.expirationDateTime).toBe(later.toISOString());
    clock.advance(3 * day + 1);
    expect(await subscriptions.renew(id, new Date(clock.now().getTime() + day))).toBe('gone');
    expect(await subscriptions.renew('00000000-0000-0000-0000-000000000000', later)).toBe('gone');
  });

  it('deletes a subscription; deleting one already gone is fine', async () => {
    const { fake, subscriptions, wanted } = await open();
    const { id } = await subscriptions.create(wanted);
    await subscriptions.remove(id);
    expect(fake.subscriptions.list()).toEqual([]);
    await subscriptions.remove(id);
    expect(fake.counts.deleteSubscription).toBe(2);
  });

  it('retries a throttled create, leaving one subscription', async () => {
    const { fake, subscriptions, wanted } = await open();
    fake.failNext('createSubscription', { status: 429, retryAfterSeconds: 0.01 });
    await subscriptions.create(wanted);
    expect(fake.counts.createSubscription).toBe(2);
    expect(fake.subscriptions.list()).toHaveLength(1);
  });

  it('the fake delivers change notifications with the clientState to the subscriber', async () => {
    const { fake, endpoint, subscriptions, wanted } = await open();
    const { id } = await subscriptions.create(wanted);
    expect(await fake.subscriptions.notify({ eventId: 'AAMkAGFha2UEvent1', changeType: 'deleted' })).toEqual([202]);
    expect(endpoint.received).toEqual([
      {
        path: '/api/graph/notifications',
        body: { value: [expect.objectContaining({ subscriptionId: id, clientState: wanted.clientState, changeType: 'deleted', resourceData: expect.objectContaining({ id: 'AAMkAGFha2UEvent1' }) })] },
      },
    ]);
  });

  it('the fake is driven the same way from another process, through its admin endpoints', async () => {
    const { fake, endpoint, subscriptions, wanted } = await open();
    const remote = new FakeGraphRemote({ url: fake.url, graphBaseUrl: fake.graphBaseUrl, authorityHost: fake.authorityHost, caFile: fake.caFile });
    await remote.forward('https://elsewhere.council.example', endpoint.url);
    const { id } = await subscriptions.create({ ...wanted, notificationUrl: 'https://elsewhere.council.example/n', lifecycleNotificationUrl: 'https://elsewhere.council.example/l' });
    expect((await remote.subscriptions()).map((s) => s.id)).toEqual([id]);
    expect(await remote.notify({ eventId: 'AAMkAGFha2UEvent2' })).toEqual([202]);
    expect(await remote.lifecycle(id, 'subscriptionRemoved')).toBe(202);
    expect(await remote.subscriptions()).toEqual([]);
    expect((await remote.deliveries()).map((d) => [d.kind, d.url])).toEqual([
      ['validation', 'https://elsewhere.council.example/n'],
      ['validation', 'https://elsewhere.council.example/l'],
      ['change', 'https://elsewhere.council.example/n'],
      ['lifecycle', 'https://elsewhere.council.example/l'],
    ]);
    expect(endpoint.received.map((r) => r.path)).toEqual(['/n', '/l']);
  });
});
