import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxBodyBytes } from '../../bot/server.js';
import { requestCardValues } from '../../cards/requestCard.js';
import { surnamesOnCard } from '../../cards/surnamesOnCard.js';
import { parseDiscussionRequest } from '../../scheduling/rules/discussionRequest.js';
import { type BotHarness, startBot } from './botHarness.js';
import { cardIn } from './LoopbackConnector.js';
import { deepPlaceholder, fuzzInput, fuzzSurname, type FuzzInput, markupMarkers, personalConversation, placeholders } from './fuzzInputs.js';

/**
 * Sends many random and hostile activities and card submits to the real server (in process, over
 * HTTP) and checks what must hold for every one of them: an answer below 500 within a generous
 * time, a server still alive at the end, no child surname sent to a shared conversation, typed
 * template expressions and markup inert on every card, nothing stored from a rejected request,
 * no failed turn in the log. FUZZ_SEED reproduces a run (the seed is printed); FUZZ_RUNS sets how
 * many inputs (at least 10,000 by default).
 */
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
/** Requests in flight at once: enough to interleave turns, few enough for a shared 2-core machine. */
const concurrency = 8;
/** Far beyond any answer's real time: only a hang (or a blocked event loop) can exceed it. */
const answerWithinMs = 20_000;

type Outcome = number | 'closed' | 'no answer';

interface Sent {
  readonly index: number;
  readonly input: FuzzInput;
  readonly size: number;
  outcome?: Outcome;
  answer?: string;
}

/** A problem found, by kind, with the inputs that showed it. */
class Problems {
  readonly byKind = new Map<string, { count: number; examples: string[] }>();
  add(kind: string, example: string): void {
    const entry = this.byKind.get(kind) ?? { count: 0, examples: [] };
    entry.count += 1;
    if (entry.examples.length < 3) entry.examples.push(example.slice(0, 300));
    this.byKind.set(kind, entry);
  }
  summary(): string[] {
    return [...this.byKind].map(([kind, { count, examples }]) => `${kind}: ${count} time(s), e.g. ${examples.join(' | ')}`);
  }
}

const logged: Array<Record<string, unknown>> = [];
const loggedText: string[] = [];
let bot: BotHarness;
beforeAll(async () => {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      loggedText.push(chunk.toString());
      logged.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  bot = await startBot({ now: '2026-11-23T14:02:00Z' /* Monday, GMT */, deskOptions: { log: pino({ level: 'warn' }, stream) } });
});
afterAll(async () => {
  await bot.connector.close();
  await bot.desk.close();
});

function encode(bytes: Buffer, encoding: FuzzInput['encoding']): { bytes: Buffer; header?: string } {
  switch (encoding) {
    case 'none':
      return { bytes };
    case 'identity':
    case 'bogus':
    case 'broken-gzip':
      return { bytes, header: encoding === 'broken-gzip' ? 'gzip' : encoding };
    case 'gzip':
    case 'x-gzip':
    case 'GZIP':
      return { bytes: gzipSync(bytes), header: encoding };
    case 'gzip, gzip':
      return { bytes: gzipSync(gzipSync(bytes)), header: encoding };
    case 'deflate':
      return { bytes: deflateSync(bytes), header: encoding };
    case 'br':
      return { bytes: brotliCompressSync(bytes), header: encoding };
  }
}

const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

/** POSTs through node:http (exact length or chunked): the status and body, or why there is none. */
function post(url: URL, bytes: Buffer, headers: Record<string, string>, chunked: boolean): Promise<{ outcome: Outcome; answer: string }> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers: chunked ? { ...headers, 'transfer-encoding': 'chunked' } : { ...headers, 'content-length': String(bytes.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ outcome: res.statusCode ?? 0, answer: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve({ outcome: 'closed', answer: '' }));
    });
    req.setTimeout(answerWithinMs, () => {
      req.destroy();
      resolve({ outcome: 'no answer', answer: '' });
    });
    req.on('error', () => resolve({ outcome: 'closed', answer: '' }));
    if (chunked) {
      const half = Math.floor(bytes.length / 2);
      req.write(bytes.subarray(0, half));
      req.end(bytes.subarray(half));
    } else req.end(bytes);
  });
}

/** Sends a request whose Content-Length lies, on a raw socket, then half-closes: the status line or what happened. */
function postLying(url: URL, bytes: Buffer, headers: Record<string, string>, declared: number): Promise<{ outcome: Outcome; answer: string }> {
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    const received: Buffer[] = [];
    const head = [`POST ${url.pathname} HTTP/1.1`, `Host: ${url.host}`, `Content-Length: ${declared}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
    socket.setTimeout(answerWithinMs, () => {
      socket.destroy();
      resolve({ outcome: 'no answer', answer: '' });
    });
    socket.on('data', (c: Buffer) => received.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(received).toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({ outcome: status ? Number(status) : 'closed', answer: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    socket.end(Buffer.concat([Buffer.from(head, 'latin1'), bytes]));
  });
}

/** Every string in a JSON value with the key and the element (an object with a `type`) holding it. */
function* stringsIn(value: unknown, key = '', element: Record<string, unknown> | undefined = undefined, inData = false): Generator<{ text: string; key: string; element?: Record<string, unknown>; inData: boolean }> {
  if (typeof value === 'string') yield { text: value, key, ...(element ? { element } : {}), inData };
  else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item, key, element, inData);
  else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const owner = typeof record.type === 'string' ? record : element;
    for (const [k, item] of Object.entries(record)) yield* stringsIn(item, k, owner, inData || k === 'data');
  }
}

/** How many cards were checked, and how many typed markup markers were found on them (shown as text). */
const inertChecks = { cards: 0, markup: 0 };

/** Typed text on a card must be inert: no live template expression, markup only where it shows as text. */
function checkInert(card: unknown, where: string, problems: Problems): void {
  inertChecks.cards += 1;
  for (const { text, key, element, inData } of stringsIn(card)) {
    if (text.includes('${') || text.includes('{{')) problems.add('a template expression left live on a card', `${where}: ${key}=${JSON.stringify(text.slice(0, 80))}`);
    if (!markupMarkers.some((m) => text.includes(m)) || inData) continue;
    inertChecks.markup += 1;
    const type = String(element?.type ?? '');
    const plain = (type === 'TextRun' && key === 'text') || (type.startsWith('Input.') && key === 'value');
    if (!plain) problems.add('typed markup where a renderer would format it', `${where}: ${type}.${key}=${JSON.stringify(text.slice(0, 80))}`);
  }
}

describe('fuzzing /api/messages', () => {
  it(`answers ${runs} random and hostile inputs without a 5xx, a hang, a crash, a leak or a stored rejection`, async () => {
    const inputs = fc.sample(fuzzInput, { seed, numRuns: runs });
    console.log(`fuzz: seed ${seed} (FUZZ_SEED=${seed} reproduces this run), ${inputs.length} inputs`);
    const url = new URL(`${bot.server.url}/api/messages`);
    const problems = new Problems();
    const sent: Sent[] = [];
    let bookingIds: string[] = [];
    let requestIds: string[] = [];

    const render = (index: number, input: FuzzInput): Buffer => {
      if (typeof input.body !== 'string') return Buffer.from(input.body);
      const pick = (ids: string[]) => ids[index % Math.max(ids.length, 1)] ?? randomUUID();
      const text = input.body
        .replaceAll(placeholders.serviceUrl, bot.connector.url)
        .replaceAll(placeholders.activityId, `fuzz-${index}`)
        .replaceAll(placeholders.bookingId, pick(bookingIds))
        .replaceAll(placeholders.requestId, pick(requestIds))
        .replace(deepPlaceholder, (_match, depth: string) => `${'['.repeat(Number(depth))}${']'.repeat(Number(depth))}`);
      return Buffer.from(text, 'utf8');
    };

    const sendOne = async (index: number): Promise<void> => {
      const input = inputs[index]!;
      const raw = render(index, input);
      const { bytes, header } = encode(raw, input.encoding);
      const headers: Record<string, string> = {};
      if (input.contentType !== undefined) headers['content-type'] = input.contentType;
      if (header !== undefined) headers['content-encoding'] = header;
      const record: Sent = { index, input, size: raw.length };
      sent.push(record);
      const { outcome, answer } =
        input.framing === 'declared-longer'
          ? await postLying(url, bytes, headers, bytes.length + 10)
          : input.framing === 'declared-shorter'
            ? await postLying(url, bytes, headers, Math.max(0, bytes.length - 10))
            : await post(url, bytes, headers, input.framing === 'chunked');
      record.outcome = outcome;
      record.answer = answer;
    };

    for (let start = 0; start < inputs.length; start += 200) {
      bookingIds = (await bot.desk.stores.slots.listBookings({})).map((b) => b.booking.id);
      requestIds = (await bot.desk.db.query<{ id: string }>('select id from requests order by created_at')).rows.map((r) => r.id);
      let next = start;
      const end = Math.min(start + 200, inputs.length);
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < end) await sendOne(next++);
        }),
      );
    }

    // No crash: the server still answers, and finishes what it started.
    const health = await fetch(`${bot.server.url}/healthz`, { signal: AbortSignal.timeout(answerWithinMs) }).then((r) => r.status, () => 'no answer');
    if (health !== 200) problems.add('the health check failed after the run', String(health));
    agent.destroy();
    await bot.server.close();

    const labelOf = (index: number | undefined) => (index === undefined ? 'a card update or an unknown activity' : `#${index} ${inputs[index]?.label ?? ''}`);
    /** The kind of input without its HTTP variations, to tell problems apart by where they come from. */
    const kindOf = (index: number | undefined) => (index === undefined ? 'a card update or an unknown activity' : (inputs[index]?.label ?? '').replace(/ \(.*$/, ''));
    const indexOfActivity = (id: unknown) => {
      const match = /^fuzz-(\d+)$/.exec(String(id ?? ''));
      return match ? Number(match[1]) : undefined;
    };
    for (const s of sent) {
      const example = `#${s.index} ${s.input.label}`;
      if (s.outcome === 'no answer') problems.add(`no answer within ${answerWithinMs / 1000} s`, example);
      else if (typeof s.outcome === 'number' && s.outcome >= 500) problems.add(`HTTP ${s.outcome}`, `${example}: ${s.answer?.slice(0, 120)}`);
      else if (s.outcome === 'closed' && s.size <= maxBodyBytes && (s.input.framing === 'exact' || s.input.framing === 'chunked')) problems.add('connection closed without an answer', example);
      if (typeof s.outcome === 'number' && s.outcome < 300 && s.answer) {
        let body: unknown;
        try {
          body = JSON.parse(s.answer);
        } catch {
          continue;
        }
        const value = (body as { value?: unknown } | undefined)?.value;
        if (typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'AdaptiveCard') checkInert(value, `${example} (invoke answer)`, problems);
      }
    }

    // What the bot sent to Teams: surnames only in the personal chat, typed text inert everywhere.
    // Which conversations were personal: by what the activities said (a mutated id is its own conversation).
    const personal = new Set<string>([personalConversation]);
    const shared = new Set<string>();
    for (const s of sent) {
      if (typeof s.input.body !== 'string') continue;
      try {
        const conversation = (JSON.parse(s.input.body) as { conversation?: { id?: unknown; conversationType?: unknown } }).conversation;
        if (typeof conversation?.id === 'string') (conversation.conversationType === 'personal' ? personal : shared).add(conversation.id);
      } catch {
        // not JSON: never reached a conversation
      }
    }
    // A reply names the activity it answers. A mutated id is looked up among the inputs: the
    // envelope's id is an activity's first field, and the conversation must match too.
    const activityIndex = (id: unknown, conversationId: string): number | undefined => {
      const direct = indexOfActivity(id);
      if (direct !== undefined || typeof id !== 'string') return direct;
      const found = sent.find(
        (s) => typeof s.input.body === 'string' && s.input.body.startsWith(`{"id":${JSON.stringify(id)},`) && s.input.body.includes(`"id":${JSON.stringify(conversationId)}`),
      );
      return found?.index;
    };
    for (const call of bot.connector.calls) {
      const index = call.method === 'PUT' ? undefined : activityIndex(call.body.replyToId, call.conversationId);
      const where = `${call.method} to ${call.conversationId} after ${labelOf(index)}`;
      const isShared = shared.has(call.conversationId) || !personal.has(call.conversationId);
      if (isShared && surnamesOnCard(call.body, fuzzSurname).length > 0) {
        problems.add(`a child surname sent to a shared conversation, after ${kindOf(index)}`, where);
      }
      const card = cardIn(call.body);
      if (card) checkInert(card, where, problems);
      if (typeof call.body.text === 'string' && (markupMarkers.some((m) => call.body.text.includes(m)) || call.body.text.includes('${'))) {
        problems.add('typed text in a message text (rendered as markdown)', where);
      }
    }

    // Nothing stored from a rejected request: every stored request is one the rules accept.
    const rules = { nNumberPattern: bot.desk.config.nNumberPattern, now: bot.clock.now() };
    const accepted = new Set<string>();
    let submits = 0;
    let invalidSubmits = 0;
    for (const s of sent) {
      if (!s.input.submit) continue;
      submits += 1;
      const valid = parseDiscussionRequest(requestCardValues(s.input.submit.data), rules).ok;
      if (!valid) invalidSubmits += 1;
      if (valid && typeof s.outcome === 'number' && s.outcome < 300) accepted.add(`${s.input.submit.actorId}:${s.input.submit.requestKey}`);
    }
    const stored = (await bot.desk.db.query<{ idempotency_key: string }>('select idempotency_key from requests')).rows.map((r) => r.idempotency_key);
    for (const key of stored) if (!accepted.has(key)) problems.add('a request stored from a rejected input', key);
    const bookings = await bot.desk.stores.slots.listBookings({});

    // The log: no failed turn, no surname.
    for (const line of logged.filter((l) => (l.level as number) >= 50)) {
      const index = indexOfActivity(line.activityId ?? line.reference);
      const body = index === undefined ? '' : render(index, inputs[index]!).toString('utf8').slice(0, 600);
      problems.add(`logged error "${String(line.msg)}"`, `${labelOf(index)} (activity ${JSON.stringify(line.activityId ?? line.reference)}): ${JSON.stringify(line.err ?? line).slice(0, 200)} ${body}`);
    }
    if (loggedText.some((line) => line.toLowerCase().includes(fuzzSurname.toLowerCase()))) problems.add('a child surname in the log', '');

    const statuses = new Map<string, number>();
    const refusals = new Map<string, number>();
    for (const s of sent) {
      statuses.set(String(s.outcome), (statuses.get(String(s.outcome)) ?? 0) + 1);
      if (typeof s.outcome === 'number' && s.outcome >= 400) {
        let said = '';
        try {
          const body = JSON.parse(s.answer ?? '') as { error?: unknown; value?: { message?: unknown } };
          said = String(body.error ?? body.value?.message ?? '');
        } catch {
          // not JSON
        }
        const reason = `${s.outcome} ${said.split(':')[0]}`;
        refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
      }
    }
    console.log(
      [
        `fuzz: seed ${seed}; ${sent.length} inputs tried (${submits} request submits: ${invalidSubmits} invalid, ${accepted.size} valid and answered), ${bot.connector.calls.length} connector calls and ${inertChecks.cards} cards checked (${inertChecks.markup} typed markup texts on them)`,
        `fuzz: answers ${[...statuses].sort().map(([k, n]) => `${k}: ${n}`).join(', ')}; ${stored.length} requests and ${bookings.length} bookings stored`,
        `fuzz: refusals ${[...refusals].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, n]) => `${k} x${n}`).join('; ')}`,
        ...problems.summary().map((p) => `fuzz problem: ${p}`),
      ].join('\n'),
    );
    expect(sent.length).toBeGreaterThanOrEqual(runs);
    expect(problems.summary()).toEqual([]);
  }, 600_000);
});
