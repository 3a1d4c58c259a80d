/**
 * The product's own jobs across three real bots (`app/main.ts`, as `npm start` runs it) on one
 * PostgreSQL database: every notice job is delivered once, counted where Teams would see it (the
 * loopback connector), whichever instance takes it.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { openDesk, type OpenDesk } from '../../app/openDesk.js';
import { PgBossJobs } from '../../scheduling/adapters/pg/jobs/PgBossJobs.js';
import { replyJobs } from '../../scheduling/services/ReplyTracker.js';
import { BotProcess } from '../bot/botProcess.js';
import { LoopbackConnector } from '../bot/LoopbackConnector.js';
import { alex, teamsMessage } from '../bot/teamsActivities.js';
import { createScratchDatabase, type ScratchDatabase } from '../fakes/testDb.js';
import { ManualClock } from '../fakes/ManualClock.js';
import { ManualJobs } from '../fakes/ManualJobs.js';
import { RecordingNotifier } from '../fakes/RecordingNotifier.js';
import { requestInput } from '../fakes/testDesk.js';

const notices = 30;

describe('the product\'s jobs across three bots on one PostgreSQL', () => {
  let database: ScratchDatabase;
  let connector: LoopbackConnector;
  const bots: BotProcess[] = [];
  let desk: OpenDesk | undefined;
  let engine: PgBossJobs | undefined;

  beforeAll(async () => {
    database = await createScratchDatabase('sd_jobs_bots');
    connector = await LoopbackConnector.start();
  });
  afterAll(async () => {
    await engine?.stop();
    await desk?.close();
    await Promise.all(bots.map((bot) => bot.stop()));
    await connector?.close();
    await database?.drop();
  });

  it('tells the manager once per notice job, whichever of the three bots runs it', { timeout: 180_000 }, async () => {
    const env = { DATABASE_URL: database.url, JOB_POLL_SECONDS: '1' };
    // One at a time: the first migrates the database; the others find it ready.
    for (let i = 0; i < 3; i++) {
      const bot = new BotProcess(env);
      bots.push(bot);
      await bot.listening();
    }
    // Each listening line carries its /api/messages address.
    const urls = await Promise.all(bots.map(async (bot) => (await bot.listening()).url));

    // The manager talks to the first bot once: where to reach them is kept in the shared store.
    const said = await fetch(urls[0]!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(teamsMessage('help', { serviceUrl: connector.url })) });
    expect(said.status).toBe(200);

    // A booked request of theirs, and 30 notices about it scheduled as the reply tracking does
    // (job `replies.tell`, each with its own key), by a desk on the same database that runs no jobs.
    desk = await openDesk(loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }), {
      clock: new ManualClock('2026-11-23T09:40:00Z'),
      jobs: new ManualJobs(new ManualClock('2026-11-23T09:40:00Z')),
      notifier: new RecordingNotifier(),
      log: pino({ level: 'silent' }),
    });
    const outcome = await desk.submitRequest(requestInput({ referredAt: '2026-11-23T09:30' }), { id: alex.aadObjectId, name: alex.name }, 'across-bots');
    if (outcome.route !== 'rota') throw new Error(`expected a booking, got ${outcome.route}`);
    engine = new PgBossJobs(desk.db, pino({ level: 'silent' }));
    const before = connector.posted().length;
    for (let n = 0; n < notices; n++) {
      await engine.schedule(replyJobs.tell, { kind: 'booking.deletedByHand', requestId: outcome.request.id, bookingId: outcome.booking.id }, { key: `notice-${n}` });
    }

    const told = () => connector.posted().slice(before).filter((call) => call.conversationId === 'a:personal-conversation');
    while (told().length < notices) await new Promise((resolve) => setTimeout(resolve, 200));
    // Three more polls of every bot: nothing runs twice.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(told()).toHaveLength(notices);
    expect(bots.every((bot) => bot.running)).toBe(true);
  });
});
