import { randomUUID } from 'node:crypto';
import { GraphInputError } from './fakeEvent.js';
import type { GraphAnswer } from './FakeMailboxes.js';

/** A subscription as tests see it: plain JSON, the same in-process and over the admin endpoints. */
export interface FakeSubscriptionView {
  readonly id: string;
  readonly resource: string;
  readonly changeType: string;
  readonly notificationUrl: string;
  readonly lifecycleNotificationUrl?: string;
  readonly clientState?: string;
  readonly expirationDateTime: string;
}

/** One POST the fake made to a subscriber's URL, and what came back. */
export interface FakeDelivery {
  readonly kind: 'validation' | 'change' | 'lifecycle';
  /** The URL as the subscription names it (before any forwarding). */
  readonly url: string;
  /** 0 when nothing answered (refused, or no answer within the time limit). */
  readonly status: number;
  readonly body: string;
  readonly contentType?: string;
}

/** A change to announce: the event (in the subscription's mailbox) and what happened to it. */
export interface FakeChange {
  readonly eventId: string;
  readonly changeType?: 'created' | 'updated' | 'deleted';
  /** Sent instead of the subscription's clientState (a forged or stale notification). */
  readonly clientState?: string;
  /** Only subscriptions on this resource (default: all). */
  readonly resource?: string;
}

export type FakeLifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

/** Graph's limit for Outlook event subscriptions: 10,080 minutes. */
export const maxEventSubscriptionMinutes = 10_080;
/** How long Graph waits for the validation answer. */
const validationTimeoutMs = 10_000;
const tenantId = '11111111-2222-3333-4444-555555555555';
const changeTypes = new Set(['created', 'updated', 'deleted']);

type Json = Record<string, unknown>;

/**
 * Graph's `/subscriptions` (create, renew, get, delete) for event resources, with the validation
 * handshake Graph does before creating one (a POST to each URL with `?validationToken=`, answered
 * 200 text/plain with the token as is within 10 s), and delivery of change and lifecycle
 * notifications to the subscriber over real HTTP. `forward` maps a public origin (the bot's
 * PUBLIC_URL, https as Graph requires) to where the bot really listens, as a tunnel would.
 */
export class FakeSubscriptions {
  private readonly all = new Map<string, FakeSubscriptionView>();
  private readonly routes = new Map<string, string>();
  /** Every POST made to a subscriber, oldest first. */
  readonly deliveries: FakeDelivery[] = [];

  constructor(private readonly now: () => Date) {}

  clear(): void {
    this.all.clear();
    this.routes.clear();
    this.deliveries.length = 0;
  }

  /** Requests to `publicOrigin` (e.g. `https://desk.council.example`) go to `localOrigin` instead. */
  forward(publicOrigin: string, localOrigin: string): void {
    this.routes.set(new URL(publicOrigin).origin, localOrigin.replace(/\/+$/, ''));
  }

  /** Live subscriptions (not yet expired by the fake's clock). */
  list(): FakeSubscriptionView[] {
    this.dropExpired();
    return [...this.all.values()].map((s) => ({ ...s }));
  }

  async create(input: Json): Promise<GraphAnswer> {
    const resource = typeof input.resource === 'string' ? input.resource : '';
    if (!/^\/?users\/[^/]+\/(calendar\/)?events$/i.test(resource)) throw new GraphInputError(`The fake takes event subscriptions only, not "${resource}".`, 400, 'InvalidRequest');
    const changeType = String(input.changeType ?? '');
    if (!changeType || changeType.split(',').some((c) => !changeTypes.has(c.trim()))) throw new GraphInputError(`changeType "${changeType}" is not valid.`, 400, 'InvalidRequest');
    const notificationUrl = this.httpsUrl(input.notificationUrl, 'notificationUrl');
    const lifecycleNotificationUrl = input.lifecycleNotificationUrl === undefined ? undefined : this.httpsUrl(input.lifecycleNotificationUrl, 'lifecycleNotificationUrl');
    const clientState = input.clientState === undefined ? undefined : String(input.clientState);
    if (clientState !== undefined && clientState.length > 128) throw new GraphInputError('clientState is longer than 128 characters.', 400, 'InvalidRequest');
    const expirationDateTime = this.expiry(input.expirationDateTime);
    for (const url of [notificationUrl, lifecycleNotificationUrl]) {
      if (url && !(await this.validates(url))) {
        throw new GraphInputError(`Subscription validation request failed. Response must exactly match validationToken query parameter. (${url})`, 400, 'ValidationError');
      }
    }
    const subscription: FakeSubscriptionView = {
      id: randomUUID(),
      resource,
      changeType,
      notificationUrl,
      ...(lifecycleNotificationUrl ? { lifecycleNotificationUrl } : {}),
      ...(clientState !== undefined ? { clientState } : {}),
      expirationDateTime,
    };
    this.all.set(subscription.id, subscription);
    return { status: 201, body: render(subscription) };
  }

  get(id: string): GraphAnswer {
    return { status: 200, body: render(this.find(id)) };
  }

  renew(id: string, input: Json): GraphAnswer {
    const subscription = this.find(id);
    const renewed = { ...subscription, expirationDateTime: this.expiry(input.expirationDateTime) };
    this.all.set(id, renewed);
    return { status: 200, body: render(renewed) };
  }

  delete(id: string): GraphAnswer {
    this.find(id);
    this.all.delete(id);
    return { status: 204 };
  }

  /**
   * Posts a change notification for `change.eventId` to every live subscription (on its resource),
   * as Graph does after an event changes; gives the HTTP status each answered with.
   */
  async notify(change: FakeChange): Promise<number[]> {
    const statuses: number[] = [];
    for (const s of this.list().filter((x) => !change.resource || x.resource.toLowerCase() === change.resource.toLowerCase())) {
      const userPath = s.resource.replace(/^\//, '').replace(/\/(calendar\/)?events$/i, '');
      const item = {
        subscriptionId: s.id,
        subscriptionExpirationDateTime: s.expirationDateTime,
        changeType: change.changeType ?? 'updated',
        resource: `${userPath}/Events/${change.eventId}`,
        resourceData: { '@odata.type': '#Microsoft.Graph.Event', '@odata.id': `${userPath}/Events/${change.eventId}`, '@odata.etag': `W/"${randomUUID()}"`, id: change.eventId },
        tenantId,
        ...(change.clientState !== undefined ? { clientState: change.clientState } : s.clientState !== undefined ? { clientState: s.clientState } : {}),
      };
      statuses.push((await this.post('change', s.notificationUrl, { value: [item] })).status);
    }
    return statuses;
  }

  /**
   * Posts a lifecycle notification for a subscription to its lifecycleNotificationUrl.
   * `subscriptionRemoved` first removes it, as Graph has when it says so.
   */
  async lifecycle(id: string, lifecycleEvent: FakeLifecycleEvent, options: { clientState?: string } = {}): Promise<number> {
    const s = this.all.get(id);
    if (!s?.lifecycleNotificationUrl) throw new Error(`no subscription ${id} with a lifecycleNotificationUrl`);
    if (lifecycleEvent === 'subscriptionRemoved') this.all.delete(id);
    const clientState = options.clientState ?? s.clientState;
    const item = { subscriptionId: id, subscriptionExpirationDateTime: s.expirationDateTime, tenantId, lifecycleEvent, ...(clientState !== undefined ? { clientState } : {}) };
    return (await this.post('lifecycle', s.lifecycleNotificationUrl, { value: [item] })).status;
  }

  /** POSTs a body (JSON) to a subscriber's URL, through `forward`, and records the answer. */
  async post(kind: FakeDelivery['kind'], url: string, body: unknown, query = ''): Promise<FakeDelivery> {
    const target = this.reach(url) + query;
    const isJson = body !== undefined;
    let delivery: FakeDelivery;
    try {
      const response = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': isJson ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8' },
        body: isJson ? JSON.stringify(body) : '',
        signal: AbortSignal.timeout(validationTimeoutMs),
      });
      const text = await response.text();
      const contentType = response.headers.get('content-type');
      delivery = { kind, url, status: response.status, body: text, ...(contentType ? { contentType } : {}) };
    } catch {
      delivery = { kind, url, status: 0, body: '' };
    }
    this.deliveries.push(delivery);
    return delivery;
  }

  private async validates(url: string): Promise<boolean> {
    // Graph's tokens hold spaces, colons and the like: the answer must be the token as is.
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const answer = await this.post('validation', url, undefined, `${url.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`);
    return answer.status === 200 && answer.body === token && /^text\/plain\b/i.test(answer.contentType ?? '');
  }

  private reach(url: string): string {
    const parsed = new URL(url);
    const local = this.routes.get(parsed.origin);
    return local ? `${local}${parsed.pathname}${parsed.search}` : url;
  }

  private httpsUrl(value: unknown, field: string): string {
    let url: URL;
    try {
      url = new URL(String(value));
    } catch {
      throw new GraphInputError(`${field} is not a URL.`, 400, 'InvalidRequest');
    }
    if (url.protocol !== 'https:') throw new GraphInputError(`${field} must be an https URL.`, 400, 'InvalidRequest');
    return url.toString();
  }

  private expiry(value: unknown): string {
    const at = new Date(String(value ?? ''));
    if (Number.isNaN(at.getTime())) throw new GraphInputError('expirationDateTime is not a date.', 400, 'InvalidRequest');
    const now = this.now().getTime();
    if (at.getTime() <= now) throw new GraphInputError('Subscription expiration must be in the future.', 400, 'InvalidRequest');
    if (at.getTime() > now + maxEventSubscriptionMinutes * 60_000) {
      throw new GraphInputError(`Subscription expiration can only be ${maxEventSubscriptionMinutes} minutes in the future.`, 400, 'InvalidRequest');
    }
    return at.toISOString();
  }

  private find(id: string): FakeSubscriptionView {
    this.dropExpired();
    const subscription = this.all.get(id);
    if (!subscription) throw new GraphInputError(`The object was not found.`, 404, 'ResourceNotFound');
    return subscription;
  }

  private dropExpired(): void {
    const now = this.now().getTime();
    for (const [id, s] of this.all) if (new Date(s.expirationDateTime).getTime() <= now) this.all.delete(id);
  }
}

function render(s: FakeSubscriptionView): Json {
  return {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity',
    id: s.id,
    resource: s.resource,
    applicationId: '66666666-7777-8888-9999-000000000000',
    changeType: s.changeType,
    clientState: s.clientState ?? null,
    notificationUrl: s.notificationUrl,
    lifecycleNotificationUrl: s.lifecycleNotificationUrl ?? null,
    expirationDateTime: s.expirationDateTime,
    creatorId: '66666666-7777-8888-9999-000000000000',
    latestSupportedTlsVersion: 'v1_2',
    notificationUrlAppId: null,
  };
}
