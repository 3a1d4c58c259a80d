import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphInputError, type FakeResponse } from './fakeEvent.js';
import { answerAdmin } from './fakeGraphAdmin.js';
import { ensureFakeGraphCert, type FakeGraphCert } from './fakeGraphCert.js';
import { defaultSettings, seededRandom, zeroCounts, type FakeFault, type FakeGraphCounts, type FakeGraphRoute, type FakeGraphSettings } from './fakeGraphSettings.js';
import { FakeIdentity, type FakeApp } from './fakeIdentity.js';
import { FakeMailboxes, type FakeEventView, type FakeSentMail, type GraphAnswer, type HandMadeEvent, type ReadOptions } from './FakeMailboxes.js';
import { FakeSubscriptions } from './FakeSubscriptions.js';
import { FakeChats } from './FakeChats.js';

export interface FakeGraphOptions extends FakeApp {
  /** The mailbox helpers such as `addEvent` use when none is named. */
  readonly mailbox?: string;
  readonly settings?: Partial<FakeGraphSettings>;
  /** Seed for the throttling and lost-response dice. */
  readonly seed?: number;
  readonly cert?: FakeGraphCert;
  /** The fake's "now" for subscription expiry (default: the wall clock); give it a test's manual clock. */
  readonly now?: () => Date;
}

interface Route {
  readonly name: FakeGraphRoute;
  readonly mailbox: string;
  readonly id?: string;
}

const routes: ReadonlyArray<[string, RegExp, FakeGraphRoute]> = [
  ['GET', /^\/users\/([^/]+)\/(?:calendar\/)?calendarView$/i, 'calendarView'],
  ['POST', /^\/users\/([^/]+)\/(?:calendar\/)?events$/i, 'createEvent'],
  ['GET', /^\/users\/([^/]+)\/(?:calendar\/)?events\/([^/]+)$/i, 'getEvent'],
  ['PATCH', /^\/users\/([^/]+)\/(?:calendar\/)?events\/([^/]+)$/i, 'updateEvent'],
  ['DELETE', /^\/users\/([^/]+)\/(?:calendar\/)?events\/([^/]+)$/i, 'deleteEvent'],
  ['POST', /^\/users\/([^/]+)\/(?:calendar\/)?events\/([^/]+)\/cancel$/i, 'cancelEvent'],
  ['POST', /^\/users\/([^/]+)\/sendMail$/i, 'sendMail'],
  ['GET', /^\/users\/([^/]+)\/mailFolders\/([^/]+)\/messages$/i, 'listMessages'],
];

/** `/chats` belong to no mailbox: the capture is the chat id. */
const chatRoutes: ReadonlyArray<[string, RegExp, FakeGraphRoute]> = [['POST', /^\/chats\/([^/]+)\/installedApps$/i, 'installApp']];

/** `/subscriptions` belongs to no mailbox: the capture is the subscription id. */
const subscriptionRoutes: ReadonlyArray<[string, RegExp, FakeGraphRoute]> = [
  ['POST', /^\/subscriptions$/i, 'createSubscription'],
  ['GET', /^\/subscriptions\/([^/]+)$/i, 'getSubscription'],
  ['PATCH', /^\/subscriptions\/([^/]+)$/i, 'renewSubscription'],
  ['DELETE', /^\/subscriptions\/([^/]+)$/i, 'deleteSubscription'],
];

function matchRoute(method: string, path: string): Route | undefined {
  for (const [m, pattern, name] of routes) {
    const hit = m === method ? pattern.exec(path) : null;
    if (hit) return { name, mailbox: decodeURIComponent(hit[1]!), ...(hit[2] ? { id: decodeURIComponent(hit[2]) } : {}) };
  }
  for (const [m, pattern, name] of [...subscriptionRoutes, ...chatRoutes]) {
    const hit = m === method ? pattern.exec(path) : null;
    if (hit) return { name, mailbox: '', ...(hit[1] ? { id: decodeURIComponent(hit[1]) } : {}) };
  }
  return undefined;
}

const graphError = (status: number, code: string, message: string, headers?: Record<string, string>): GraphAnswer => ({
  status,
  body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID(), 'client-request-id': randomUUID() } } },
  ...(headers ? { headers } : {}),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A loopback Microsoft Graph (calendar and mail of shared mailboxes) with its own token endpoint,
 * over HTTPS with a test CA, for the real `@azure/identity` credential and the real
 * `@microsoft/microsoft-graph-client` to talk to. Faults on demand: 429s with Retry-After, the
 * mailbox concurrency limit, latency, lost create responses, creates held until released, and
 * scripted failures of the next call to a route (`failNext`), before or after it takes effect.
 * Tests in other processes drive it through the `/_fake/...` endpoints (see `FakeGraphRemote`).
 */
export class FakeGraph {
  readonly mailboxes = new FakeMailboxes();
  /** Change-notification subscriptions, and their deliveries to the subscriber. */
  readonly subscriptions: FakeSubscriptions;
  /** Apps installed into chats (Teams meeting mode). */
  readonly chats: FakeChats;
  private readonly identity: FakeIdentity;
  private settingsNow: FakeGraphSettings;
  private countsNow = zeroCounts();
  private readonly inFlight = new Map<string, number>();
  private readonly random: () => number;
  private readonly holding = new Set<FakeGraphRoute>();
  private parked: Array<(commit: boolean) => void> = [];
  private heldWaiters: Array<() => boolean> = [];
  private readonly faults = new Map<FakeGraphRoute, FakeFault[]>();
  private server: Server | undefined;
  private origin = '';
  private caPath = '';

  constructor(private readonly options: FakeGraphOptions = {}) {
    this.identity = new FakeIdentity(options);
    this.subscriptions = new FakeSubscriptions(options.now ?? (() => new Date()));
    this.chats = new FakeChats(options.now ?? (() => new Date()));
    this.settingsNow = { ...defaultSettings, ...options.settings };
    this.random = seededRandom(options.seed ?? 1);
  }

  /** Starts listening on 127.0.0.1 on a free port. */
  async start(): Promise<this> {
    const cert = this.options.cert ?? (await ensureFakeGraphCert());
    this.caPath = cert.caFile;
    const server = createServer({ cert: cert.cert, key: cert.key }, (req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) this.send(res, graphError(500, 'InternalServerError', String(e)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.release({ commit: false });
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  get url(): string {
    return this.origin;
  }
  get graphBaseUrl(): string {
    return `${this.origin}/v1.0`;
  }
  get authorityHost(): string {
    return this.origin;
  }
  get caFile(): string {
    return this.caPath;
  }
  get mailbox(): string {
    return this.options.mailbox ?? 'strategy.meetings@example.org';
  }
  get settings(): Readonly<FakeGraphSettings> {
    return { ...this.settingsNow };
  }
  get counts(): Readonly<FakeGraphCounts> {
    return { ...this.countsNow };
  }

  configure(change: Partial<FakeGraphSettings>): void {
    this.settingsNow = { ...this.settingsNow, ...change };
  }

  resetCounts(): void {
    this.countsNow = zeroCounts();
  }

  /** Forgets events, mail and counts, and restores the starting settings. */
  reset(): void {
    this.release({ commit: false });
    this.holding.clear();
    this.faults.clear();
    this.mailboxes.clear();
    this.subscriptions.clear();
    this.chats.clear();
    this.resetCounts();
    this.settingsNow = { ...defaultSettings, ...this.options.settings };
  }

  addEvent(event: HandMadeEvent): FakeEventView {
    return this.mailboxes.addEvent(event.mailbox ?? this.mailbox, event);
  }
  setAttendeeResponse(eventId: string, address: string, response: FakeResponse, at?: Date): void {
    this.mailboxes.setAttendeeResponse(eventId, address, response, at);
  }
  /** An invitee forwarded the invite: the new recipient is added to the organiser's copy. */
  addForwardedAttendee(eventId: string, address: string, name?: string): void {
    this.mailboxes.addForwardedAttendee(eventId, address, name);
  }
  /** A person moves or shortens the event in Outlook (replies go back to none). */
  moveByHand(eventId: string, start: Date, end: Date): void {
    this.mailboxes.moveByHand(eventId, start, end);
  }
  /** A person deletes the event in Outlook. */
  deleteByHand(eventId: string): void {
    this.mailboxes.deleteByHand(eventId);
  }
  events(mailbox?: string): FakeEventView[] {
    return this.mailboxes.events(mailbox);
  }
  sentMail(): FakeSentMail[] {
    return this.mailboxes.sentMail();
  }

  /** The next call to `route` fails as `fault` says (several calls queue several faults, in order). */
  failNext(route: FakeGraphRoute, fault: FakeFault): void {
    this.faults.set(route, [...(this.faults.get(route) ?? []), fault]);
  }

  /** From now on, calls to `route` wait (after being counted) until `release`. */
  hold(route: FakeGraphRoute = 'createEvent'): void {
    this.holding.add(route);
  }

  get held(): number {
    return this.parked.length;
  }

  /** Resolves once at least `count` calls are waiting in a hold. */
  waitForHeld(count = 1): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.parked.length < count) return false;
        resolve();
        return true;
      };
      if (!check()) this.heldWaiters.push(check);
    });
  }

  /**
   * Stops holding and lets the waiting calls go: processed as if they had reached Graph
   * (`commit`, the default; the answer goes to the caller if it is still there), or dropped unseen.
   */
  release({ commit = true }: { commit?: boolean } = {}): void {
    this.holding.clear();
    const waiting = this.parked;
    this.parked = [];
    for (const go of waiting) go(commit);
  }

  private park(): Promise<boolean> {
    return new Promise((resolve) => {
      this.parked.push(resolve);
      this.heldWaiters = this.heldWaiters.filter((check) => !check());
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';

    if (url.pathname.startsWith('/_fake/')) return this.send(res, await answerAdmin(this, method, url, raw));
    const identity = this.identity.answer(method, url.pathname, new URLSearchParams(raw), this.origin);
    if (identity) {
      if (url.pathname.endsWith('/token')) this.countsNow.token++;
      return this.send(res, identity);
    }
    if (url.pathname.startsWith('/v1.0/')) return this.graph(req, res, method, url, raw);
    this.send(res, graphError(404, 'NotFound', `no fake route for ${method} ${url.pathname}`));
  }

  private async graph(req: IncomingMessage, res: ServerResponse, method: string, url: URL, raw: string): Promise<void> {
    const counts = this.countsNow;
    counts.total++;
    if (!this.identity.isIssued(req.headers.authorization)) {
      counts.unauthorized++;
      return this.send(res, graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.'));
    }
    const route = matchRoute(method, url.pathname.slice('/v1.0'.length));
    if (!route) return this.send(res, graphError(400, 'BadRequest', `Resource not found for the segment in ${method} ${url.pathname}.`));
    counts[route.name]++;

    const key = route.mailbox.toLowerCase();
    const inFlight = (this.inFlight.get(key) ?? 0) + 1;
    this.inFlight.set(key, inFlight);
    counts.maxConcurrent = Math.max(counts.maxConcurrent, inFlight);
    res.once('close', () => this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1));

    const s = this.settingsNow;
    const throttle = (message: string) => {
      counts.throttled++;
      this.send(res, graphError(429, 'ApplicationThrottled', message, { 'Retry-After': String(s.retryAfterSeconds) }));
    };
    if (s.mailboxConcurrency > 0 && inFlight > s.mailboxConcurrency) return throttle('Application is over its MailboxConcurrency limit.');
    if (s.throttleRate > 0 && this.random() < s.throttleRate) return throttle('Too many requests.');
    if (s.latencyMs > 0) await sleep(s.latencyMs);
    if (this.holding.has(route.name) && !(await this.park())) {
      res.destroy();
      return;
    }

    const fault = this.faults.get(route.name)?.shift();
    const failed = (f: FakeFault): GraphAnswer | undefined => {
      counts.scriptedFaults++;
      if (f.status === 0) return undefined;
      const code = f.status === 429 ? 'ApplicationThrottled' : f.status === 504 ? 'GatewayTimeout' : f.status >= 500 ? 'ServiceUnavailable' : 'BadRequest';
      return graphError(f.status, code, `Scripted failure (${f.afterProcessing ? 'after' : 'before'} processing).`, f.retryAfterSeconds !== undefined ? { 'Retry-After': String(f.retryAfterSeconds) } : undefined);
    };
    if (fault && !fault.afterProcessing) {
      const answer = failed(fault);
      return answer ? this.send(res, answer) : void res.destroy();
    }

    const prefer = /outlook\.timezone="([^"]+)"/i.exec(String(req.headers.prefer ?? ''));
    const read: ReadOptions = {
      zone: s.answerTimeZone || prefer?.[1] || 'UTC',
      select: url.searchParams.get('$select')?.split(','),
      expand: url.searchParams.get('$expand'),
    };
    let answer: GraphAnswer;
    let created = false;
    try {
      if (route.name === 'createEvent') ({ answer, created } = this.mailboxes.create(route.mailbox, JSON.parse(raw || '{}'), read));
      else if (route.name === 'createSubscription') answer = await this.subscriptions.create(JSON.parse(raw || '{}') as Record<string, unknown>);
      else answer = this.dispatch(route, url, raw, read);
    } catch (e) {
      if (!(e instanceof GraphInputError || e instanceof SyntaxError)) throw e;
      answer = e instanceof GraphInputError ? graphError(e.status, e.code, e.message) : graphError(400, 'BadRequest', 'Unable to read JSON request payload.');
    }
    if (created && s.lostResponseRate > 0 && this.random() < s.lostResponseRate) {
      counts.lostResponses++;
      // Retry-After here only keeps tests quick; a real gateway timeout leaves the client's own delay.
      answer = graphError(504, 'GatewayTimeout', 'The request timed out after the item was saved.', { 'Retry-After': String(s.retryAfterSeconds) });
    }
    if (fault?.afterProcessing) {
      const failure = failed(fault);
      if (!failure) return void res.destroy();
      answer = failure;
    }
    if (prefer && !s.answerTimeZone && answer.status < 300) answer = { ...answer, headers: { ...answer.headers, 'Preference-Applied': `outlook.timezone="${read.zone}"` } };
    this.send(res, answer);
  }

  private dispatch(route: Route, url: URL, raw: string, read: ReadOptions): GraphAnswer {
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const m = this.mailboxes;
    const id = route.id ?? '';
    switch (route.name) {
      case 'calendarView':
        return m.calendarView(route.mailbox, url.searchParams, read, this.settingsNow.pageSize, (q) => `${this.origin}${url.pathname}${q ? `?${q}` : ''}`);
      case 'createEvent':
        return m.create(route.mailbox, body, read).answer;
      case 'getEvent':
        return m.get(route.mailbox, id, read);
      case 'updateEvent':
        return m.update(route.mailbox, id, body, read);
      case 'deleteEvent':
        return m.delete(route.mailbox, id);
      case 'cancelEvent':
        return m.cancel(route.mailbox, id);
      case 'sendMail':
        return m.sendMail(route.mailbox, body);
      case 'listMessages':
        return m.sentItems(route.mailbox, id, url.searchParams);
      case 'createSubscription':
        throw new GraphInputError('createSubscription is answered before dispatch');
      case 'getSubscription':
        return this.subscriptions.get(id);
      case 'renewSubscription':
        return this.subscriptions.renew(id, body);
      case 'deleteSubscription':
        return this.subscriptions.delete(id);
      case 'installApp':
        return this.chats.install(id, body);
    }
  }

  private send(res: ServerResponse, answer: GraphAnswer): void {
    if (res.destroyed || res.headersSent) return;
    const json = answer.body === undefined ? '' : JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      ...(json ? { 'Content-Type': 'application/json; odata.metadata=minimal; charset=utf-8' } : {}),
      'request-id': randomUUID(),
      ...answer.headers,
    });
    res.end(json);
  }
}
