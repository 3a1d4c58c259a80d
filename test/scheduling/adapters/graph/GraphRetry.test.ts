import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConcurrencyLimit } from '../../../../scheduling/adapters/graph/ConcurrencyLimit.js';
import { GraphCalendar } from '../../../../scheduling/adapters/graph/GraphCalendar.js';
import { GraphMailer } from '../../../../scheduling/adapters/graph/GraphMailer.js';
import { GraphRetry, retryBudgetForLease, type RetryTimer } from '../../../../scheduling/adapters/graph/GraphRetry.js';
import type { FakeGraph } from '../../../fakes/graph/FakeGraph.js';
import { mailbox, startFakeGraph } from './openFakeGraphCalendar.js';

const day = [new Date('2026-11-25T00:00:00Z' /* Wed */), new Date('2026-11-26T00:00:00Z')] as const;

/** Time that moves only when the retry waits: every wait is recorded and passes at once. */
function virtualTimer(): RetryTimer & { waits: number[] } {
  let at = 0;
  const waits: number[] = [];
  return { waits, now: () => at, sleep: async (ms) => void (waits.push(ms), (at += ms)) };
}

/** Waits that last until the test lets them go. */
function heldTimer(): RetryTimer & { waiting: number; releaseAll(): void } {
  const held: Array<() => void> = [];
  return {
    get waiting() {
      return held.length;
    },
    now: () => 0,
    sleep: () => new Promise<void>((resolve) => held.push(resolve)),
    releaseAll: () => held.splice(0).forEach((go) => go()),
  };
}

describe('retryBudgetForLease', () => {
  it('gives one call a quarter of the lease, so its retries end well before the lease does', () => {
    expect(retryBudgetForLease(120)).toBe(30_000);
    expect(retryBudgetForLease(20)).toBe(5_000);
  });
});

describe('GraphRetry', () => {
  let fake: FakeGraph | undefined;
  afterEach(async () => {
    await fake?.close();
  });

  it('gives up when the next wait would pass its time budget, however many retries remain', async () => {
    const started = await startFakeGraph({ settings: { throttleRate: 1, retryAfterSeconds: 2 } });
    fake = started.fake;
    const timer = virtualTimer();
    const calendar = new GraphCalendar(started.client, mailbox, new ConcurrencyLimit(4), new GraphRetry({ budgetMs: 5_000, maxRetries: 10, firstDelayMs: 1_000 }, timer));
    await expect(calendar.busyBetween(...day)).rejects.toMatchObject({ statusCode: 429 });
    expect(timer.waits).toEqual([2_000, 2_000]); // a third wait would end at 6 s, past the 5 s budget
    expect(fake.counts.calendarView).toBe(3);
  }, 40_000);

  it("keeps waiting out Graph's Retry-After past its retry count while within its budget (a busy mailbox is not a failure)", async () => {
    // Three bot instances sharing a mailbox that takes four calls at a time: a call can be
    // turned away many times in a row with a short Retry-After. Graph says when to come back;
    // the budget, not a count, bounds how long the call keeps coming back.
    const started = await startFakeGraph();
    fake = started.fake;
    for (let i = 0; i < 15; i++) fake.failNext('calendarView', { status: 429, retryAfterSeconds: 0.1 });
    const timer = virtualTimer();
    const calendar = new GraphCalendar(started.client, mailbox, new ConcurrencyLimit(4), new GraphRetry({ budgetMs: 30_000, maxRetries: 10, firstDelayMs: 1_000 }, timer));
    expect(await calendar.busyBetween(...day)).toEqual([]);
    expect(timer.waits).toEqual(Array.from({ length: 15 }, () => 100));
    expect(fake.counts.calendarView).toBe(16);
  }, 40_000);

  it('stops after its retry count when Graph sends no Retry-After', async () => {
    const started = await startFakeGraph();
    fake = started.fake;
    for (let i = 0; i < 4; i++) fake.failNext('calendarView', { status: 503 });
    const timer = virtualTimer();
    const calendar = new GraphCalendar(started.client, mailbox, new ConcurrencyLimit(4), new GraphRetry({ budgetMs: 600_000, maxRetries: 3, firstDelayMs: 1_000 }, timer));
    await expect(calendar.busyBetween(...day)).rejects.toMatchObject({ statusCode: 503 });
    expect(timer.waits).toEqual([1_000, 2_000, 4_000]);
    expect(fake.counts.calendarView).toBe(4);
  }, 40_000);

  it('doubles its wait from the first delay when Graph sends no Retry-After', async () => {
    const started = await startFakeGraph();
    fake = started.fake;
    fake.failNext('calendarView', { status: 503 });
    fake.failNext('calendarView', { status: 504 });
    const timer = virtualTimer();
    const calendar = new GraphCalendar(started.client, mailbox, new ConcurrencyLimit(4), new GraphRetry({ budgetMs: 30_000, maxRetries: 10, firstDelayMs: 1_000 }, timer));
    expect(await calendar.busyBetween(...day)).toEqual([]);
    expect(timer.waits).toEqual([1_000, 2_000]);
  }, 40_000);

  it('waits out a Retry-After outside the mailbox call slots: with 4 slots and 4 calls backing off, a fifth call gets through', async () => {
    const started = await startFakeGraph({ settings: { retryAfterSeconds: 30 } });
    fake = started.fake;
    const timer = heldTimer();
    const limit = new ConcurrencyLimit(4);
    const retry = new GraphRetry({ budgetMs: 60_000, maxRetries: 10, firstDelayMs: 1_000 }, timer);
    const calendar = new GraphCalendar(started.client, mailbox, limit, retry);
    const mailer = new GraphMailer(started.client, mailbox, limit, retry);
    for (let i = 0; i < 4; i++) fake.failNext('calendarView', { status: 429, retryAfterSeconds: 30 });
    const backingOff = Array.from({ length: 4 }, () => calendar.busyBetween(...day));
    await vi.waitFor(() => expect(timer.waiting).toBe(4), { timeout: 10_000 });
    // All four are waiting their 30 s: the mailbox's slots are free for the police email.
    const sending = mailer.send('urgent-s47:r1', { to: ['police.referral.unit@example.org'], subject: 'URGENT S47 ENQUIRY', body: 'Phone the manager.' });
    await vi.waitFor(() => expect(fake!.sentMail()).toHaveLength(1), { timeout: 10_000 });
    expect(await sending).toEqual({ outcome: 'sent' });
    timer.releaseAll();
    expect(await Promise.all(backingOff)).toEqual([[], [], [], []]);
    expect(fake.counts.calendarView).toBe(8);
  }, 40_000);
});
