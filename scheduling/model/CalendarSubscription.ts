/**
 * The shared calendar's change-notification subscription at Microsoft Graph, as the desk keeps it
 * (one per mailbox). A notification only says "something changed": the desk then fetches.
 */
export interface CalendarSubscription {
  /** Graph's subscription id. */
  readonly id: string;
  /** What it watches: `/users/{mailbox}/events`. */
  readonly resource: string;
  /** Where Graph posts change notifications (`${PUBLIC_URL}/api/graph/notifications`). */
  readonly notificationUrl: string;
  /** The secret Graph sends back with every notification. Kept in the store; never logged. */
  readonly clientState: string;
  /** When Graph stops sending unless renewed. */
  readonly expiresAt: Date;
}

/** One item of a change-notification batch, as read from Graph's POST (never trusted as data). */
export interface CalendarChangeNotification {
  readonly subscriptionId: string;
  readonly clientState?: string;
  /** `created`, `updated` or `deleted`. */
  readonly changeType: string;
  /** The event that changed, when the notification names one. */
  readonly eventId?: string;
}

/** One item of a lifecycle-notification batch. */
export interface CalendarLifecycleNotification {
  readonly subscriptionId: string;
  readonly clientState?: string;
  /** `reauthorizationRequired`, `subscriptionRemoved` or `missed` (Graph may add others). */
  readonly lifecycleEvent: string;
}

/** Why a notification was not acted on. */
export type IgnoredReason = 'malformed' | 'not-subscribed' | 'unknown-subscription' | 'client-state' | 'unknown-lifecycle-event';

/** A notification the desk did not act on: ids only (never the secret it carried). */
export interface IgnoredNotification {
  /** The position of the item in its batch. */
  readonly index: number;
  readonly subscriptionId?: string;
  readonly reason: IgnoredReason;
}

/** What came of a batch: how many items were acted on, and which were ignored and why. */
export interface NotificationReceipt {
  readonly accepted: number;
  readonly ignored: readonly IgnoredNotification[];
}
