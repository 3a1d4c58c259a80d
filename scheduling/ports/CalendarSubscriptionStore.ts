import type { CalendarSubscription } from '../model/CalendarSubscription.js';

/**
 * The desk's record of its change-notification subscription, one per watched resource (the
 * shared mailbox's events), with the secret that notifications must carry.
 * Adapter: `SqlCalendarSubscriptionStore` (PGlite or PostgreSQL); contract:
 * test/contracts/calendarSubscriptionStoreContract.ts.
 */
export interface CalendarSubscriptionStore {
  /** The subscription kept for the resource, if any. */
  subscriptionFor(resource: string): Promise<CalendarSubscription | undefined>;
  /** Keeps the subscription for its resource, replacing any other kept for it. */
  saveSubscription(subscription: CalendarSubscription, at: Date): Promise<void>;
  /** Forgets the subscription kept for the resource (when it is the one named). */
  forgetSubscription(resource: string, id: string): Promise<void>;
}
