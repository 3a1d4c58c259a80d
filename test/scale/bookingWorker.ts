/**
 * One Strategy Desk service instance in its own process, for the scale-out and crash tests:
 * opens the desk from the environment (DATABASE_URL, CALENDAR_BACKEND, AZURE_*, GRAPH_BASE_URL...),
 * prints `{"ready":true}`, waits for a line on stdin, then submits `--count` requests at once and
 * prints one JSON line per outcome.
 *
 *   tsx test/scale/bookingWorker.ts --now <ISO> --referred <ISO> --prefix w1 --count 17
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../../app/config.js';
import { openDesk } from '../../app/openDesk.js';
import { formatLondonIso } from '../../scheduling/rules/londonTime.js';

const { values } = parseArgs({
  options: { now: { type: 'string' }, referred: { type: 'string' }, prefix: { type: 'string' }, count: { type: 'string' } },
});
const now = new Date(values.now ?? '');
const count = Number(values.count ?? '1');
const prefix = values.prefix ?? 'w';
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

const desk = await openDesk(loadConfig(process.env), { clock: { now: () => new Date(now) }, log: pino({ level: 'silent' }) });
print({ ready: true, pid: process.pid });
await new Promise<void>((resolve) => {
  const input = createInterface({ input: process.stdin });
  input.once('line', () => {
    input.close();
    resolve();
  });
});

const outcomes = await Promise.allSettled(
  Array.from({ length: count }, (_, i) => {
    const n = `N${String(prefix.charCodeAt(prefix.length - 1) % 10)}${String(i).padStart(5, '0')}`;
    return desk.intake.submit(
      {
        nNumbers: n,
        childSurnames: 'Testcase',
        managerName: 'A. Jones',
        managerRole: 'TM',
        managerPhone: '01604 123456',
        referredAt: values.referred,
        urgent: '',
        longerSlot: 'false',
        invitees: '',
      },
      { id: `${prefix}-manager`, name: 'A. Jones' },
      `${prefix}-${i}`,
    );
  }),
);
for (const [i, o] of outcomes.entries()) {
  if (o.status === 'fulfilled' && o.value.route === 'rota') {
    const b = o.value.booking;
    print({ key: `${prefix}-${i}`, bookingId: b.id, status: b.status, eventId: b.eventId, start: formatLondonIso(b.start), end: formatLondonIso(b.end) });
  } else {
    print({ key: `${prefix}-${i}`, error: o.status === 'rejected' ? String((o.reason as Error).message) : 'unexpected route' });
  }
}
await desk.close();
