import type { CalendarSubscription } from '../../model/CalendarSubscription.js';
import type { CalendarSubscriptionStore } from '../../ports/CalendarSubscriptionStore.js';
import type { Db } from './Db.js';
import { asDate } from './sqlRows.js';

interface Row {
  resource: string;
  subscription_id: string;
  notification_url: string;
  client_state: string;
  expires_at: Date | string;
}

/** The calendar's change-notification subscription over PGlite or PostgreSQL. */
export class SqlCalendarSubscriptionStore implements CalendarSubscriptionStore {
  constructor(private readonly db: Db) {}

  async subscriptionFor(resource: string): Promise<CalendarSubscription | undefined> {
    const { rows } = await this.db.query<Row>(
      'select resource, subscription_id, notification_url, client_state, expires_at from calendar_subscriptions where resource = $1',
      [resource],
    );
    const row = rows[0];
    return row && { id: row.subscription_id, resource: row.resource, notificationUrl: row.notification_url, clientState: row.client_state, expiresAt: asDate(row.expires_at) };
  }

  async saveSubscription(s: CalendarSubscription, at: Date): Promise<void> {
    await this.db.query(
      `insert into calendar_subscriptions (resource, subscription_id, notification_url, client_state, expires_at, updated_at) values ($1, $2, $3, $4, $5, $6)
       on conflict (resource) do update set subscription_id = excluded.subscription_id, notification_url = excluded.notification_url,
         client_state = excluded.client_state, expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
      [s.resource, s.id, s.notificationUrl, s.clientState, s.expiresAt, at],
    );
  }

  async forgetSubscription(resource: string, id: string): Promise<void> {
    await this.db.query('delete from calendar_subscriptions where resource = $1 and subscription_id = $2', [resource, id]);
  }
}
