import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { openDesk, type OpenDesk } from '../../app/openDesk.js';
import { maxNotificationBytes } from '../../bot/graphNotifications.js';
import { startServer, type RunningServer } from '../../bot/server.js';
import type { JobData } from '../../scheduling/ports/Jobs.js';
import { SUBSCRIPTION_ENSURE_JOB, SUBSCRIPTION_RENEW_JOB } from '../../scheduling/services/CalendarNotifications.js';
import { CALENDAR_SYNC_JOB } from '../../scheduling/services/calendarSyncJob.js';
import { FakeGraph } from '../fakes/graph/FakeGraph.js';
import { ManualClock } from '../fakes/ManualClock.js';
import { ManualJobs } from '../fakes/ManualJobs.js';
import { RecordingNotifier } from '../fakes/RecordingNotifier.js';
import { openTestPglite } from '../fakes/testDb.js';
import { graphEnv, testMailbox } from '../scale/graphEnv.js';
import { startBot } from './botHarness.js';

const publicUrl = 'https://desk.council.example';
const hour = 3_600_000;
const day = 24 * hour;
const eventId = 'AAMkAGFha2UAAAEventOne';

interface Opened {
  fake: FakeGraph;
  desk: OpenDesk;
  clock: ManualClock;
  jobs: ManualJobs;
  server: RunningServer;
  /** Every log line, as JSON text. */
  lines: string[];
  /** The data of every `calendar.sync` job that ran (the reply tracking's handler stands in here). */
  syncs: JobData[];
}

const opened: Opened[] = [];
afterEach(async () => {
  for (const { server, desk, fake } of opened.splice(0)) {
    await server.close();
    await desk.close();
    await fake.close();
  }
});

/** The real server over a desk on the Graph calendar (fake Graph) with PUBLIC_URL, jobs on a manual clock. */
async function openNotifiedBot(env: Record<string, string> = { PUBLIC_URL: publicUrl }): Promise<Opened> {
  const clock = new ManualClock('2026-11-23T12:00:00Z'); // Monday
  const fake = await new FakeGraph({ mailbox: testMailbox, now: () => clock.now() }).start();
  const jobs = new ManualJobs(clock);
  const lines: string[] = [];
  const log = pino({ level: 'trace' }, new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }));
  const desk = await openDesk(loadConfig({ ...graphEnv(fake), LOG_LEVEL: 'trace', ...env }), { clock, db: await openTestPglite(), log, jobs, notifier: new RecordingNotifier() });
  const syncs: JobData[] = [];
  jobs.work({ ...desk.jobHandlers, [CALENDAR_SYNC_JOB]: async (data) => void syncs.push(data) });
  const server = await startServer(desk, { log, credentials: desk.config.bot, port: 0, host: '127.0.0.1' });
  // Graph reaches PUBLIC_URL; here that is the server on loopback, as through a tunnel.
  fake.subscriptions.forward(publicUrl, server.url);
  const bot = { fake, desk, clock, jobs, server, lines, syncs };
  opened.push(bot);
  return bot;
}

/** Starts the bot's subscription as `npm start` does, and runs the job that makes it. */
async function subscribed(bot: Opened) {
  await bot.desk.calendarNotifications!.start();
  await bot.jobs.runDue();
  const kept = await bot.desk.stores.calendarSubscriptions.subscriptionFor(`/users/${testMailbox}/events`);
  expect(kept).toBeDefined();
  return kept!;
}

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then(async (r) => ({ status: r.status, text: await r.text() }));

describe('Graph change notifications on the shared calendar', () => {
  it('answers the validation handshake on both URLs at once: 200, text/plain, the token as is', async () => {
    const { server } = await openNotifiedBot();
    const token = 'Validation: Testing client application reachability for subscription Request-Id: 4f1c+a/b=c&d%e <x>';
    for (const path of ['/api/graph/notifications', '/api/graph/lifecycle']) {
      const response = await fetch(`${server.url}${path}?validationToken=${encodeURIComponent(token)}`, { method: 'POST', headers: { 'content-type': 'text/plain' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toBe(token);
    }
  });

  it('subscribes once listening: Graph validates both URLs, the secret is kept and never logged, a full sync follows', async () => {
    const bot = await openNotifiedBot();
    const kept = await subscribed(bot);
    const [graphSide] = bot.fake.subscriptions.list();
    expect(graphSide).toMatchObject({
      id: kept.id,
      resource: `/users/${testMailbox}/events`,
      changeType: 'created,updated,deleted',
      notificationUrl: `${publicUrl}/api/graph/notifications`,
      lifecycleNotificationUrl: `${publicUrl}/api/graph/lifecycle`,
      clientState: kept.clientState,
    });
    expect(kept.clientState.length).toBeGreaterThanOrEqual(40);
    // Outlook allows events under 7 days: 3 asked for.
    expect(kept.expiresAt).toEqual(new Date(bot.clock.now().getTime() + 3 * day));
    expect(bot.fake.subscriptions.deliveries.map((d) => [d.kind, d.status])).toEqual([
      ['validation', 200],
      ['validation', 200],
    ]);
    expect(bot.syncs).toEqual([{}]);
    expect(bot.lines.join('')).not.toContain(kept.clientState);
  });

  it('ignores and logs (ids only) a notification with a wrong clientState, answering 202', async () => {
    const bot = await openNotifiedBot();
    const kept = await subscribed(bot);
    const before = bot.syncs.length;
    expect(await bot.fake.subscriptions.notify({ eventId, clientState: 'forged-secret-value' })).toEqual([202]);
    expect(bot.jobs.pending().filter((j) => j.name === CALENDAR_SYNC_JOB)).toEqual([]);
    await bot.jobs.runDue();
    expect(bot.syncs.length).toBe(before);
    const warning = bot.lines.map((l) => JSON.parse(l)).find((l) => /ignored Graph notifications/.test(l.msg));
    expect(warning).toMatchObject({ kind: 'changes', accepted: 0, ignored: [{ index: 0, subscriptionId: kept.id, reason: 'client-state' }] });
    const logs = bot.lines.join('');
    expect(logs).not.toContain('forged-secret-value');
    expect(logs).not.toContain(kept.clientState);
  });

  it('schedules one calendar sync of the event for notifications with the right clientState', async () => {
    const bot = await openNotifiedBot();
    await subscribed(bot);
    bot.syncs.length = 0;
    expect(await bot.fake.subscriptions.notify({ eventId, changeType: 'updated' })).toEqual([202]);
    expect(await bot.fake.subscriptions.notify({ eventId, changeType: 'updated' })).toEqual([202]);
    expect(bot.jobs.pending().filter((j) => j.name === CALENDAR_SYNC_JOB)).toEqual([expect.objectContaining({ data: { eventId }, key: `event:${eventId}` })]);
    await bot.jobs.runDue();
    expect(bot.syncs).toEqual([{ eventId }]);
    expect(await bot.fake.subscriptions.notify({ eventId, changeType: 'deleted' })).toEqual([202]);
    await bot.jobs.runDue();
    expect(bot.syncs).toEqual([{ eventId }, { eventId }]);
  });

  it('renews the subscription a day before it ends, so it never lapses over ten days', async () => {
    const bot = await openNotifiedBot();
    const first = await subscribed(bot);
    const pendingRenewal = bot.jobs.pending().find((j) => j.name === SUBSCRIPTION_RENEW_JOB);
    expect(pendingRenewal?.runAt).toEqual(new Date(first.expiresAt.getTime() - day));
    for (let hours = 0; hours < 10 * 24; hours++) {
      await bot.jobs.advance(hour, hour);
      expect(bot.fake.subscriptions.list().map((s) => s.id)).toEqual([first.id]);
    }
    expect(bot.fake.counts.createSubscription).toBe(1);
    expect(bot.fake.counts.renewSubscription).toBe(5); // days 2, 4, 6, 8 and 10
    const kept = await bot.desk.stores.calendarSubscriptions.subscriptionFor(first.resource);
    expect(kept?.expiresAt.getTime()).toBeGreaterThan(bot.clock.now().getTime() + day);
    expect(new Date(bot.fake.subscriptions.list()[0]!.expirationDateTime)).toEqual(kept?.expiresAt);
  });

  it('makes a new subscription (and secret) when the renewal finds the old one gone', async () => {
    const bot = await openNotifiedBot();
    const first = await subscribed(bot);
    bot.fake.subscriptions.delete(first.id);
    await bot.jobs.advance(2 * day, hour);
    const second = await bot.desk.stores.calendarSubscriptions.subscriptionFor(first.resource);
    expect(second?.id).not.toBe(first.id);
    expect(second?.clientState).not.toBe(first.clientState);
    expect(bot.fake.subscriptions.list().map((s) => s.id)).toEqual([second?.id]);
    expect(bot.syncs).toEqual([{}, {}]); // each new subscription starts with a full sync
  });

  it('on a restart renews the kept subscription rather than making another; a new PUBLIC_URL replaces it', async () => {
    const bot = await openNotifiedBot();
    const first = await subscribed(bot);
    bot.clock.advance(hour);
    await bot.desk.calendarNotifications!.start();
    await bot.jobs.runDue();
    expect(bot.fake.counts.createSubscription).toBe(1);
    expect(bot.fake.counts.renewSubscription).toBe(1);
    expect(bot.fake.subscriptions.list().map((s) => s.id)).toEqual([first.id]);

    // The same store and mailbox, opened again behind another address.
    const moved = await openDesk(loadConfig({ ...graphEnv(bot.fake), LOG_LEVEL: 'silent', PUBLIC_URL: 'https://desk2.council.example' }), {
      clock: bot.clock,
      db: await openTestPglite(),
      jobs: bot.jobs,
      log: pino({ level: 'silent' }),
    });
    try {
      bot.fake.subscriptions.forward('https://desk2.council.example', bot.server.url);
      await moved.stores.calendarSubscriptions.saveSubscription(first, bot.clock.now());
      const second = await moved.calendarNotifications!.ensure();
      expect(second.notificationUrl).toBe('https://desk2.council.example/api/graph/notifications');
      expect(bot.fake.subscriptions.list().map((s) => s.id)).toEqual([second.id]);
      expect(bot.fake.counts.deleteSubscription).toBe(1);
    } finally {
      await moved.close();
    }
  });

  it('handles lifecycle notifications: reauthorizationRequired renews now, subscriptionRemoved recreates, missed syncs everything', async () => {
    const bot = await openNotifiedBot();
    const first = await subscribed(bot);
    bot.syncs.length = 0;

    bot.clock.advance(hour);
    expect(await bot.fake.subscriptions.lifecycle(first.id, 'reauthorizationRequired')).toBe(202);
    expect(bot.jobs.pending().map((j) => j.name)).toContain(SUBSCRIPTION_RENEW_JOB);
    const renewals = bot.fake.counts.renewSubscription;
    await bot.jobs.runDue();
    expect(bot.fake.counts.renewSubscription).toBe(renewals + 1);
    expect(bot.fake.subscriptions.list()[0]?.expirationDateTime).toBe(new Date(bot.clock.now().getTime() + 3 * day).toISOString());

    expect(await bot.fake.subscriptions.lifecycle(first.id, 'missed')).toBe(202);
    await bot.jobs.runDue();
    expect(bot.syncs).toEqual([{}]);

    expect(await bot.fake.subscriptions.lifecycle(first.id, 'subscriptionRemoved')).toBe(202);
    expect(bot.fake.subscriptions.list()).toEqual([]);
    expect(bot.jobs.pending().map((j) => j.name)).toContain(SUBSCRIPTION_ENSURE_JOB);
    await bot.jobs.runDue();
    const second = await bot.desk.stores.calendarSubscriptions.subscriptionFor(first.resource);
    expect(bot.fake.subscriptions.list().map((s) => s.id)).toEqual([second?.id]);
    expect(second?.id).not.toBe(first.id);
    expect(bot.syncs).toEqual([{}, {}]);
  });

  it('ignores and logs a lifecycle notification with a wrong clientState', async () => {
    const bot = await openNotifiedBot();
    const first = await subscribed(bot);
    const waiting = bot.jobs.pending().length;
    expect(await bot.fake.subscriptions.lifecycle(first.id, 'subscriptionRemoved', { clientState: 'forged' })).toBe(202);
    expect(bot.jobs.pending()).toHaveLength(waiting);
    const warning = bot.lines.map((l) => JSON.parse(l)).find((l) => /ignored Graph notifications/.test(l.msg));
    expect(warning).toMatchObject({ kind: 'lifecycle', ignored: [{ subscriptionId: first.id, reason: 'client-state' }] });

    // A batch mixing an unknown subscription, an event Graph may add later, and one good item.
    const batch = {
      value: [
        { subscriptionId: 'someone-elses', clientState: first.clientState, lifecycleEvent: 'missed' },
        { subscriptionId: first.id, clientState: first.clientState, lifecycleEvent: 'somethingNew' },
        { subscriptionId: first.id, clientState: first.clientState, lifecycleEvent: 'missed' },
      ],
    };
    expect((await post(`${bot.server.url}/api/graph/lifecycle`, JSON.stringify(batch))).status).toBe(202);
    const mixed = bot.lines.map((l) => JSON.parse(l)).filter((l) => /ignored Graph notifications/.test(l.msg)).at(-1);
    expect(mixed).toMatchObject({
      accepted: 1,
      ignored: [
        { index: 0, subscriptionId: 'someone-elses', reason: 'unknown-subscription' },
        { index: 1, subscriptionId: first.id, reason: 'unknown-lifecycle-event' },
      ],
    });
    expect(bot.jobs.pending().filter((j) => j.name === CALENDAR_SYNC_JOB)).toHaveLength(1);
  });

  it('refuses a body that is not a batch (400), one too large (413), and keeps serving', async () => {
    const bot = await openNotifiedBot();
    const url = `${bot.server.url}/api/graph/notifications`;
    expect((await post(url, '{"value": [')).status).toBe(400);
    expect((await post(url, '{"items": []}')).status).toBe(400);
    expect((await post(url, '[1, 2]')).status).toBe(400);
    const huge = await post(url, JSON.stringify({ value: [], padding: 'x'.repeat(maxNotificationBytes) })).catch(() => ({ status: 413, text: '' }));
    expect(huge.status).toBe(413);
    expect((await post(url, JSON.stringify({ value: [{ nothing: 'here' }] }))).status).toBe(202);
    expect(bot.jobs.pending()).toEqual([]);
  });
});

describe('without PUBLIC_URL', () => {
  it('the embedded default creates no subscription and acts on no notification', async () => {
    const bot = await startBot();
    try {
      expect(bot.desk.calendarNotifications).toBeUndefined();
      expect(Object.keys(bot.desk.jobHandlers)).not.toContain(SUBSCRIPTION_ENSURE_JOB);
      const body = JSON.stringify({ value: [{ subscriptionId: 'sub-1', clientState: 'anything', changeType: 'updated', resourceData: { id: eventId } }] });
      expect((await post(`${bot.server.url}/api/graph/notifications`, body)).status).toBe(202);
      expect(bot.jobs.pending()).toEqual([]);
    } finally {
      await bot.close();
    }
  });

  it('the Graph calendar without PUBLIC_URL makes no subscription either', async () => {
    const bot = await openNotifiedBot({});
    expect(bot.desk.calendarNotifications).toBeUndefined();
    expect(bot.fake.counts.createSubscription).toBe(0);
    expect(bot.fake.subscriptions.list()).toEqual([]);
  });

  it('PUBLIC_URL with the local calendar makes no subscription', async () => {
    const bot = await startBot({ env: { PUBLIC_URL: publicUrl } });
    try {
      expect(bot.desk.calendarNotifications).toBeUndefined();
    } finally {
      await bot.close();
    }
  });
});
