/**
 * Change-notification subscriptions on the shared calendar at Microsoft Graph (`/subscriptions`).
 * Adapter: `GraphCalendarSubscriptions`; tests run it against the fake Graph (test/fakes/graph).
 */

/** What to subscribe to, and where Graph should post. */
export interface NewCalendarSubscription {
  /** `/users/{mailbox}/events` */
  readonly resource: string;
  readonly notificationUrl: string;
  readonly lifecycleNotificationUrl: string;
  /** The secret Graph sends back with every notification (at most 128 characters). */
  readonly clientState: string;
  readonly expiresAt: Date;
}

/** A subscription Graph holds: its id and when it ends (Graph may shorten what was asked). */
export interface SubscriptionTerm {
  readonly id: string;
  readonly expiresAt: Date;
}

export interface CalendarSubscriptions {
  /**
   * Creates a subscription for created, updated and deleted events. Graph first checks both URLs
   * answer its validation request, so the bot must already be listening at them.
   */
  create(subscription: NewCalendarSubscription): Promise<SubscriptionTerm>;
  /** Moves a subscription's end; `gone` when Graph no longer has it (404): create another. */
  renew(id: string, expiresAt: Date): Promise<SubscriptionTerm | 'gone'>;
  /** Deletes a subscription; one already gone is fine. */
  remove(id: string): Promise<void>;
}
