import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../scheduling/adapters/graph/graphClient.js';
import { GraphCalendar } from '../../../scheduling/adapters/graph/GraphCalendar.js';
import { app, mailbox, openFakeGraphCalendar } from '../../scheduling/adapters/graph/openFakeGraphCalendar.js';
import { nodeArgs } from '../../childBuild.js';
import { FakeGraphRemote, type FakeGraphAddress } from './FakeGraphRemote.js';

const event = {
  subject: 'N123456 children',
  start: new Date('2026-11-25T10:00:00Z' /* Wed */),
  end: new Date('2026-11-25T10:30:00Z'),
  attendees: [{ address: 'sw@example.org', type: 'required' as const }],
  body: '',
  location: 'Conference line',
  bookingId: 'booking-1',
};
const day = [new Date('2026-11-25T00:00:00Z'), new Date('2026-11-26T00:00:00Z')] as const;

describe('FakeGraph holds', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
  });

  it('keeps a create waiting until released, then saves and answers it', async () => {
    const { calendar, fake, close: c } = await openFakeGraphCalendar();
    close = c;
    fake.hold('createEvent');
    const created = calendar.createEvent(event, 'txn-held');
    await fake.waitForHeld(1);
    expect(fake.events()).toEqual([]);
    fake.release();
    const { id } = await created;
    expect(fake.events().map((e) => e.id)).toEqual([id]);
  });

  it('drops a held create unseen when released without commit', async () => {
    const { calendar, fake, close: c } = await openFakeGraphCalendar();
    close = c;
    fake.hold('createEvent');
    const created = calendar.createEvent(event, 'txn-dropped');
    await fake.waitForHeld(1);
    fake.release({ commit: false });
    await expect(created).rejects.toThrow();
    expect(fake.events()).toEqual([]);
  });
});

describe('serve.ts (the fake in its own process)', () => {
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  });

  async function serve(...args: string[]): Promise<FakeGraphAddress> {
    child = spawn(process.execPath, [...nodeArgs('test/fakes/graph/serve.ts'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    return JSON.parse(line) as FakeGraphAddress;
  }

  it('prints its address and serves the real client and the admin endpoints to other processes', async () => {
    const address = await serve('--page-size', '3');
    expect(address.graphBaseUrl).toBe(`${address.url}/v1.0`);
    const remote = new FakeGraphRemote(address);
    for (const h of ['08', '09', '10', '11', '12']) await remote.addEvent({ mailbox, subject: `hand-made ${h}`, start: `2026-11-25T${h}:00:00Z`, end: `2026-11-25T${h}:30:00Z` });
    const calendar = new GraphCalendar(createGraphClient({ ...app, baseUrl: address.graphBaseUrl, authorityHost: address.authorityHost }), mailbox);

    expect(await calendar.busyBetween(...day)).toHaveLength(5);
    expect(await remote.counts()).toMatchObject({ calendarView: 2, token: 1 });
    await remote.failNext('calendarView', { status: 429, retryAfterSeconds: 0.01 });
    expect(await calendar.busyBetween(...day)).toHaveLength(5); // throttled once, then answered
    expect(await remote.counts()).toMatchObject({ calendarView: 5, scriptedFaults: 1 });

    await remote.hold();
    const created = calendar.createEvent(event, 'txn-remote');
    expect(await remote.held(1, 10_000)).toBe(1);
    await remote.release();
    const { id } = await created;
    await remote.setAttendeeResponse(id, 'sw@example.org', 'accepted');
    expect((await calendar.getEvent(id))?.attendees[0]?.response).toBe('accepted');
    expect((await remote.events(mailbox)).map((e) => e.subject)).toContain('N123456 children');
  });
});
