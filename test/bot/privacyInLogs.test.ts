import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Calendar } from '../../scheduling/ports/Calendar.js';
import { startBot, type BotHarness } from './botHarness.js';
import { askForRequestCard, filled, submitRequest } from './requestFlow.js';

let bot: BotHarness | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

/** Every log line the desk and the bot write, at the most verbose level. */
function capturedLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: pino({ level: 'trace' }, stream), lines };
}

/** A calendar whose creates fail, with the event's subject (which holds the surname) in the error. */
function failingCreates(calendar: Calendar): Calendar {
  return new Proxy(calendar, {
    get(target, prop, receiver) {
      if (prop === 'createEvent') return async (event: { subject: string }) => Promise.reject(new Error(`Graph refused the event "${event.subject}"`));
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

describe('no child name in the logs', () => {
  it('logs a booking, an invalid request, an urgent request and a failed turn without the surname', async () => {
    const { log, lines } = capturedLog();
    bot = await startBot({ deskOptions: { log } });
    const card = await askForRequestCard(bot);
    await submitRequest(bot, card, filled);
    await submitRequest(bot, await askForRequestCard(bot), { ...filled, nNumbers: 'Zanzibarova' });
    await submitRequest(bot, await askForRequestCard(bot), { ...filled, nNumbers: 'N200001', urgent: 'home-alone' });
    await bot.close();

    const failing = capturedLog();
    bot = await startBot({ deskOptions: { log: failing.log, wrapCalendar: failingCreates } });
    await submitRequest(bot, await askForRequestCard(bot), filled);

    const all = [...lines, ...failing.lines].join('');
    expect(all.length).toBeGreaterThan(0);
    expect(failing.lines.join('')).toMatch(/"level":50/); // the failed turn was logged
    expect(all).not.toMatch(/Zanzibarova/i);
  });
});
