import { afterEach, describe, expect, it } from 'vitest';
import { refreshCardsJob } from '../../../scheduling/services/CaseCards.js';
import { bookingJobs, cardRefreshDelaySeconds } from '../../../scheduling/services/RotaBookingService.js';
import { manager, openTestDesk, requestInput, type TestDesk } from '../../fakes/testDesk.js';

let t: TestDesk | undefined;
afterEach(async () => {
  await t?.desk.close();
  t = undefined;
});

async function book(key = 'k1') {
  const outcome = await t!.desk.intake.submit(requestInput(), manager, key);
  if (outcome.route !== 'rota') throw new Error('expected the rota route');
  return outcome;
}

describe("the police email from a job right after the booking (the bot's way: policeEmail 'job')", () => {
  it('books without sending, says pending, and keeps one job that sends it once and refreshes the cards after', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z', {}, { policeEmail: 'job' });
    const o = await book();
    expect(o.booking.status).toBe('booked');
    expect(o.policeEmail).toBe('pending');
    expect(await t.outbox.listOutbox()).toEqual([]);
    expect(t.jobs.pending().filter((j) => j.name === bookingJobs.policeEmail)).toEqual([expect.objectContaining({ name: bookingJobs.policeEmail, data: { bookingId: o.booking.id }, key: o.booking.id })]);

    // A retried submit (double-click, Teams retry) returns the same booking and adds no second job.
    await book();
    expect(t.jobs.pending().filter((j) => j.name === bookingJobs.policeEmail)).toHaveLength(1);

    await t.jobs.runDue();
    const mails = await t.outbox.listOutbox();
    expect(mails.map((m) => m.subject)).toEqual(['Strategy discussion']);
    expect(await t.desk.booking.policeEmailOf(o.booking)).toBe('sent');
    const refresh = t.jobs.pending().find((j) => j.name === refreshCardsJob);
    expect(refresh).toMatchObject({ data: { requestId: o.request.id }, key: o.request.id });
    expect(refresh!.runAt.getTime() - t.clock.now().getTime()).toBe(cardRefreshDelaySeconds * 1000);

    // Run again (at-least-once delivery): nothing more is sent.
    await t.desk.jobHandlers[bookingJobs.policeEmail]!({ bookingId: o.booking.id });
    expect(await t.outbox.listOutbox()).toHaveLength(1);
  });

  it("gives the case's details with the police email's state, so every drawing of the card says pending until it has gone", async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z', {}, { policeEmail: 'job' });
    const o = await book();
    const personal = { kind: 'teams', conversationId: 'a:manager', conversationType: 'personal' } as const;
    expect((await t.desk.caseDetails(o.booking.id, manager, personal)).policeEmail).toBe('pending');
    await t.jobs.runDue();
    expect((await t.desk.caseDetails(o.booking.id, manager, personal)).policeEmail).toBe('sent');
  });

  it('keeps the job for a retry while another sender holds the mail claim, and sends once it is free', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z', {}, { policeEmail: 'job' });
    const o = await book();
    const key = `strategy-discussion:${o.booking.id}`;
    const now = t.clock.now();
    expect((await t.desk.stores.mailLedger.claimMail(key, now, new Date(now.getTime() - 120_000))).state).toBe('claimed');

    expect(await t.jobs.runDue()).toBe(0);
    expect(t.jobs.pending().map((j) => j.name).filter((n) => n !== 'discussion.agenda')).toEqual([bookingJobs.policeEmail]);
    expect(await t.outbox.listOutbox()).toEqual([]);

    await t.desk.stores.mailLedger.releaseMail(key);
    await t.jobs.runDue();
    expect(await t.outbox.listOutbox()).toHaveLength(1);
  });

  it('sends nothing for a booking cancelled before the job ran', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z', {}, { policeEmail: 'job' });
    const o = await book();
    await t.desk.booking.cancel(o.booking.id, manager, { kind: 'operator' }, 'no longer needed');
    await t.jobs.runDue();
    expect(await t.outbox.listOutbox()).toEqual([]);
  });

  it("sends it in the booking's own turn by default (the command line runs no jobs)", async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z');
    const o = await book();
    expect(o.policeEmail).toBe('sent');
    expect(await t.outbox.listOutbox()).toHaveLength(1);
    expect(t.jobs.pending().filter((j) => j.name === bookingJobs.policeEmail)).toEqual([]);
  });
});
