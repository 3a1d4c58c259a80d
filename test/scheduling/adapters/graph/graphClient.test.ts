import { afterEach, describe, expect, it } from 'vitest';
import { createGraphClient, splitGraphBaseUrl } from '../../../../scheduling/adapters/graph/graphClient.js';
import { GraphCalendar } from '../../../../scheduling/adapters/graph/GraphCalendar.js';
import type { FakeGraph } from '../../../fakes/graph/FakeGraph.js';
import { app, mailbox, startFakeGraph } from './openFakeGraphCalendar.js';

const day = [new Date('2026-11-25T00:00:00Z'), new Date('2026-11-26T00:00:00Z')] as const;

describe('splitGraphBaseUrl', () => {
  it.each([
    ['https://graph.microsoft.com/v1.0', 'https://graph.microsoft.com/', 'v1.0', 'graph.microsoft.com'],
    ['https://graph.microsoft.com/beta/', 'https://graph.microsoft.com/', 'beta', 'graph.microsoft.com'],
    ['https://127.0.0.1:8443/v1.0', 'https://127.0.0.1:8443/', 'v1.0', '127.0.0.1'],
    ['https://proxy.example.org/graph/v1.0', 'https://proxy.example.org/graph/', 'v1.0', 'proxy.example.org'],
  ])('splits %s into host part and version', (url, baseUrl, defaultVersion, host) => {
    expect(splitGraphBaseUrl(url)).toEqual({ baseUrl, defaultVersion, host });
  });
});

describe('createGraphClient', () => {
  let fake: FakeGraph | undefined;
  afterEach(async () => {
    await fake?.close();
  });

  it('gets one app-only token from the authority host and sends it with every call', async () => {
    const started = await startFakeGraph();
    fake = started.fake;
    const calendar = new GraphCalendar(started.client, mailbox);
    for (let i = 0; i < 3; i++) await calendar.busyBetween(...day);
    expect(fake.counts).toMatchObject({ token: 1, calendarView: 3, unauthorized: 0 });
  });

  it('fails without calling Graph when the client secret is wrong', async () => {
    const started = await startFakeGraph();
    fake = started.fake;
    const client = createGraphClient({ ...app, clientSecret: 'wrong', baseUrl: fake.graphBaseUrl, authorityHost: fake.authorityHost });
    await expect(new GraphCalendar(client, mailbox).busyBetween(...day)).rejects.toThrow(/AADSTS7000215/);
    expect(fake.counts.total).toBe(0);
  });
});
