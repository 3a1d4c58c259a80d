import type { Client } from '@microsoft/microsoft-graph-client';
import type { CalendarSubscriptions, NewCalendarSubscription, SubscriptionTerm } from '../../ports/CalendarSubscriptions.js';
import { ConcurrencyLimit } from './ConcurrencyLimit.js';
import { mailboxConcurrency } from './GraphCalendar.js';
import { GraphRetry, isThrottled, isTransient, statusOf } from './GraphRetry.js';

interface GraphSubscription {
  readonly id: string;
  readonly expirationDateTime: string;
}

const term = (s: GraphSubscription): SubscriptionTerm => ({ id: s.id, expiresAt: new Date(s.expirationDateTime) });

/**
 * Change-notification subscriptions on the shared mailbox's events through Microsoft Graph
 * (`/subscriptions`; application permission Calendars.Read or Calendars.ReadWrite on the mailbox).
 * A create is retried only when throttled (429: not processed), so a retry never leaves a second
 * subscription behind; renewals and deletes are safe to repeat and are retried on 429, 503 and 504.
 */
export class GraphCalendarSubscriptions implements CalendarSubscriptions {
  constructor(
    private readonly client: Client,
    private readonly limit = new ConcurrencyLimit(mailboxConcurrency),
    private readonly retry = new GraphRetry(),
  ) {}

  async create(s: NewCalendarSubscription): Promise<SubscriptionTerm> {
    const body = {
      changeType: 'created,updated,deleted',
      resource: s.resource,
      notificationUrl: s.notificationUrl,
      lifecycleNotificationUrl: s.lifecycleNotificationUrl,
      clientState: s.clientState,
      expirationDateTime: s.expiresAt.toISOString(),
      latestSupportedTlsVersion: 'v1_2',
    };
    return term(await this.retry.run(this.limit, (signal) => this.client.api('/subscriptions').option('signal', signal).post(body), isThrottled));
  }

  async renew(id: string, expiresAt: Date): Promise<SubscriptionTerm | 'gone'> {
    try {
      const renewed = await this.retry.run<GraphSubscription>(
        this.limit,
        (signal) => this.client.api(this.path(id)).option('signal', signal).patch({ expirationDateTime: expiresAt.toISOString() }),
        isTransient,
      );
      return term(renewed);
    } catch (error) {
      if (statusOf(error) === 404) return 'gone';
      throw error;
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await this.retry.run(this.limit, (signal) => this.client.api(this.path(id)).option('signal', signal).delete(), isTransient);
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }

  private path(id: string): string {
    return `/subscriptions/${encodeURIComponent(id)}`;
  }
}
