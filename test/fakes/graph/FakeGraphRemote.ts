import type { FakeInstalledApp } from './FakeChats.js';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import type { FakeResponse } from './fakeEvent.js';
import type { FakeFault, FakeGraphCounts, FakeGraphRoute, FakeGraphSettings } from './fakeGraphSettings.js';
import type { FakeEventView, FakeSentMail, HandMadeEvent } from './FakeMailboxes.js';
import type { FakeChange, FakeDelivery, FakeLifecycleEvent, FakeSubscriptionView } from './FakeSubscriptions.js';

/** What `serve.ts` prints on its first line. */
export interface FakeGraphAddress {
  readonly url: string;
  readonly graphBaseUrl: string;
  readonly authorityHost: string;
  readonly caFile: string;
}

/**
 * Drives a fake Graph running in another process through its `/_fake/...` endpoints: the same
 * helpers as `FakeGraph`, awaited. Trusts the fake's CA itself, whatever NODE_EXTRA_CA_CERTS says.
 */
export class FakeGraphRemote {
  private readonly ca: string;

  constructor(readonly address: FakeGraphAddress) {
    this.ca = readFileSync(address.caFile, 'utf8');
  }

  counts(): Promise<FakeGraphCounts> {
    return this.call('GET', '/counts');
  }
  events(mailbox?: string): Promise<FakeEventView[]> {
    return this.call('GET', `/events${mailbox ? `?mailbox=${encodeURIComponent(mailbox)}` : ''}`);
  }
  addEvent(event: HandMadeEvent): Promise<FakeEventView> {
    return this.call('POST', '/events', event);
  }
  /** An invitee replies; with `name`, someone the invite was forwarded to is added first. */
  async setAttendeeResponse(eventId: string, address: string, response: FakeResponse, options: { name?: string; at?: Date } = {}): Promise<void> {
    await this.call('POST', '/attendee-response', { eventId, address, response, ...(options.name ? { name: options.name } : {}), ...(options.at ? { at: options.at.toISOString() } : {}) });
  }
  async moveByHand(eventId: string, start: Date, end: Date): Promise<void> {
    await this.call('POST', '/move-by-hand', { eventId, start: start.toISOString(), end: end.toISOString() });
  }
  async deleteByHand(eventId: string): Promise<void> {
    await this.call('POST', '/delete-by-hand', { eventId });
  }
  sentMail(): Promise<FakeSentMail[]> {
    return this.call('GET', '/sent-mail');
  }
  configure(change: Partial<FakeGraphSettings>): Promise<FakeGraphSettings> {
    return this.call('POST', '/settings', change);
  }
  async failNext(route: FakeGraphRoute, fault: FakeFault): Promise<void> {
    await this.call('POST', '/fail-next', { route, ...fault });
  }
  async hold(route: FakeGraphRoute = 'createEvent'): Promise<void> {
    await this.call('POST', '/hold', { route });
  }
  /** How many calls are held, after waiting up to `waitMs` for `atLeast` of them. */
  async held(atLeast = 0, waitMs = 0): Promise<number> {
    return (await this.call<{ held: number }>('GET', `/held?atLeast=${atLeast}&waitMs=${waitMs}`)).held;
  }
  async release(options: { commit?: boolean } = {}): Promise<void> {
    await this.call('POST', '/release', options);
  }
  async reset(): Promise<void> {
    await this.call('POST', '/reset');
  }
  subscriptions(): Promise<FakeSubscriptionView[]> {
    return this.call('GET', '/subscriptions');
  }
  async forward(from: string, to: string): Promise<void> {
    await this.call('POST', '/forward', { from, to });
  }
  async notify(change: FakeChange): Promise<number[]> {
    return (await this.call<{ statuses: number[] }>('POST', '/notify', change)).statuses;
  }
  async lifecycle(subscriptionId: string, lifecycleEvent: FakeLifecycleEvent, options: { clientState?: string } = {}): Promise<number> {
    return (await this.call<{ status: number }>('POST', '/lifecycle', { subscriptionId, lifecycleEvent, ...options })).status;
  }
  /** Apps installed into chats (Teams meeting mode), in order. */
  installedApps(): Promise<FakeInstalledApp[]> {
    return this.call('GET', '/installed-apps');
  }
  deliveries(): Promise<FakeDelivery[]> {
    return this.call('GET', '/deliveries');
  }

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const json = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(`${this.address.url}/_fake${path}`, { method, ca: this.ca, headers: json ? { 'Content-Type': 'application/json' } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 500) >= 300) reject(new Error(`fake Graph ${method} ${path}: ${res.statusCode} ${text}`));
          else resolve(JSON.parse(text) as T);
        });
      });
      req.on('error', reject);
      req.end(json);
    });
  }
}
