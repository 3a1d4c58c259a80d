import { afterEach, describe, expect, it } from 'vitest';
import { bookingIdPropertyId } from '../../../../scheduling/adapters/graph/bookingIdProperty.js';
import type { ConferenceEvent } from '../../../../scheduling/model/ConferenceEvent.js';
import { calendarContract } from '../../../contracts/calendarContract.js';
import { openFakeGraphCalendar } from './openFakeGraphCalendar.js';

// Small pages, so the contract's crowded day takes several calendarView pages.
calendarContract('GraphCalendar', () => openFakeGraphCalendar({ settings: { pageSize: 10 } }));

// Wednesday 25 November 2026 (GMT, so UTC and London agree).
const event: ConferenceEvent = {
  subject: 'N123456 children / Social worker: Ann Manager (01604 000000)',
  start: new Date('2026-11-25T10:00:00Z'),
  end: new Date('2026-11-25T10:30:00Z'),
  attendees: [{ address: 'sw@example.org', name: 'Sam Worker', type: 'required' }],
  body: 'Agenda: strategy discussion.',
  location: 'Conference line (N123456)',
  bookingId: 'booking-1',
};
const day = [new Date('2026-11-25T00:00:00Z'), new Date('2026-11-26T00:00:00Z')] as const;

describe('GraphCalendar', () => {
  let opened: Awaited<ReturnType<typeof openFakeGraphCalendar>> | undefined;
  const open = async (...args: Parameters<typeof openFakeGraphCalendar>) => (opened = await openFakeGraphCalendar(...args));
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });

  it('writes our marker, the transactionId and a plain busy meeting without a Teams link', async () => {
    const { calendar, fake } = await open();
    await calendar.createEvent(event, 'txn-1');
    const [stored] = fake.events();
    expect(stored).toMatchObject({
      transactionId: 'txn-1',
      extendedProperties: { [bookingIdPropertyId]: 'booking-1' },
      showAs: 'busy',
      allowNewTimeProposals: false,
      isOnlineMeeting: false,
      body: 'Agenda: strategy discussion.',
      location: 'Conference line (N123456)',
      start: '2026-11-25T10:00:00.000Z',
    });
    expect(stored!.attendees).toMatchObject([{ address: 'sw@example.org', name: 'Sam Worker', type: 'required' }]);
  });

  it('sends a transactionId even when the caller gives none', async () => {
    const { calendar, fake } = await open();
    await calendar.createEvent(event);
    expect(fake.events()[0]!.transactionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('follows @odata.nextLink through every calendarView page', async () => {
    const { calendar, fake } = await open({ settings: { pageSize: 4 } });
    for (let i = 0; i < 10; i++) fake.addEvent({ subject: `held ${i}`, start: `2026-11-25T0${i}:00:00Z`, end: `2026-11-25T0${i}:30:00Z` });
    expect(await calendar.busyBetween(...day)).toHaveLength(10);
    expect(fake.counts.calendarView).toBe(3);
  });

  it('reads times right even when Graph answers in another zone than the UTC it asked for', async () => {
    const { calendar, fake } = await open({ settings: { answerTimeZone: 'Europe/London' } });
    // Thursday 2 July 2026: 09:00 UTC comes back as 10:00 in London (BST).
    fake.addEvent({ subject: 'Summer', start: '2026-07-02T09:00:00Z', end: '2026-07-02T10:00:00Z' });
    const [entry] = await calendar.busyBetween(new Date('2026-07-02T00:00:00Z'), new Date('2026-07-03T00:00:00Z'));
    expect(entry!.start.toISOString()).toBe('2026-07-02T09:00:00.000Z');
  });

  it('keeps to 4 calls in flight on the mailbox, so Graph never throttles it for concurrency', async () => {
    // Latency keeps calls overlapping; without the limit this burst reaches Graph 8 or more at once.
    const { calendar, fake } = await open({ settings: { latencyMs: 20 } });
    await Promise.all(Array.from({ length: 16 }, (_, i) => calendar.createEvent({ ...event, bookingId: `b${i}` }, `txn-${i}`)));
    expect(fake.events()).toHaveLength(16);
    expect(fake.counts.maxConcurrent).toBe(4);
    expect(fake.counts.throttled).toBe(0);
  });

  it('completes 20 creates and reads exactly once while 30% of calls are answered 429', async () => {
    const { calendar, fake } = await open({ settings: { throttleRate: 0.3, retryAfterSeconds: 0.005 }, seed: 7 });
    const work = Array.from({ length: 20 }, async (_, i) => {
      const start = new Date(Date.UTC(2026, 10, 25, 8, i * 15));
      const ref = await calendar.createEvent({ ...event, start, end: new Date(start.getTime() + 15 * 60_000), bookingId: `b${i}` }, `txn-${i}`);
      const busy = await calendar.busyBetween(start, new Date(start.getTime() + 15 * 60_000));
      return { ref, busy };
    });
    const results = await Promise.all(work);
    expect(fake.events()).toHaveLength(20);
    expect(new Set(fake.events().map((e) => e.transactionId)).size).toBe(20);
    for (const { ref, busy } of results) expect(busy.map((b) => b.id)).toEqual([ref.id]);
    expect(fake.counts.throttled).toBeGreaterThan(5);
  });

  it('keeps a create single when Graph saves it but the answer is lost (504, retried)', async () => {
    const { calendar, fake } = await open({ settings: { lostResponseRate: 1 } });
    const ref = await calendar.createEvent(event, 'txn-lost');
    expect(fake.counts.lostResponses).toBe(1);
    expect(fake.counts.createEvent).toBe(2);
    expect(fake.events().map((e) => e.id)).toEqual([ref.id]);
  });

  it('gives up after 10 retries when Graph keeps throttling', async () => {
    const { calendar, fake } = await open({ settings: { throttleRate: 1, retryAfterSeconds: 0 } });
    await expect(calendar.busyBetween(...day)).rejects.toMatchObject({ statusCode: 429 });
    expect(fake.counts.calendarView).toBe(11);
  });

  it('fails a cancel Graph refuses for a live event', async () => {
    const { calendar, fake } = await open();
    const { id } = await calendar.createEvent(event, 'txn-1');
    fake.configure({ throttleRate: 1, retryAfterSeconds: 0 });
    await expect(calendar.cancelEvent(id, 'why')).rejects.toMatchObject({ statusCode: 429 });
    fake.configure({ throttleRate: 0 });
    expect((await calendar.getEvent(id))?.cancelled).toBe(false);
  });
});
