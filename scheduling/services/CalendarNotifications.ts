import type { CalendarSubscription, IgnoredNotification, IgnoredReason, NotificationReceipt } from '../model/CalendarSubscription.js';
import type { CalendarSubscriptions } from '../ports/CalendarSubscriptions.js';
import type { CalendarSubscriptionStore } from '../ports/CalendarSubscriptionStore.js';
import type { Clock } from '../ports/Clock.js';
import type { JobData, JobHandlers, Jobs } from '../ports/Jobs.js';
import { readChangeNotifications, readLifecycleNotifications, type ReadBatch } from '../rules/graphNotifications.js';
import { sameSecret } from '../rules/sameSecret.js';
import { CALENDAR_SYNC_JOB, calendarSyncJob } from './calendarSyncJob.js';
import { InvalidNotificationError } from './errors.js';

/** Creates (or renews, or replaces) the subscription: at start-up, and after Graph removed one. */
export const SUBSCRIPTION_ENSURE_JOB = 'calendar.subscription.ensure';
/** Renews the subscription before it ends (and at once when Graph asks to reauthorize). */
export const SUBSCRIPTION_RENEW_JOB = 'calendar.subscription.renew';

const hour = 3_600_000;
/**
 * How long a subscription is asked for. Graph allows Outlook event subscriptions just under 7
 * days (10,080 minutes); 3 days leaves room for a renewal that fails for a while.
 */
export const subscriptionLifetimeMs = 72 * hour;
/** Renewal runs this long before the end: a day of job retries before notifications would stop. */
export const renewBeforeMs = 24 * hour;

export interface CalendarNotificationSettings {
  /** The shared mailbox whose events are watched. */
  readonly mailbox: string;
  /** `${PUBLIC_URL}/api/graph/notifications` */
  readonly notificationUrl: string;
  /** `${PUBLIC_URL}/api/graph/lifecycle` */
  readonly lifecycleNotificationUrl: string;
  readonly lifetimeMs?: number;
  readonly renewBeforeMs?: number;
}

export interface CalendarNotificationsDeps {
  readonly subscriptions: CalendarSubscriptions;
  readonly store: CalendarSubscriptionStore;
  readonly jobs: Jobs;
  readonly clock: Clock;
  /** A new random secret for each subscription's clientState (at most 128 characters). */
  readonly newSecret: () => string;
  readonly settings: CalendarNotificationSettings;
}

const text = (data: JobData, name: string) => (typeof data[name] === 'string' && data[name] !== '' ? (data[name] as string) : undefined);

function refuse<T>(batch: ReadBatch<T>): asserts batch is Exclude<ReadBatch<T>, { problem: string }> {
  if ('problem' in batch) throw new InvalidNotificationError(batch.problem);
}

const byIndex = (ignored: IgnoredNotification[]) => ignored.sort((a, b) => a.index - b.index);

/**
 * Graph change notifications on the shared calendar (when PUBLIC_URL is set with the Graph
 * calendar): keeps one subscription on the mailbox's events alive - created at start-up, renewed
 * by a durable job a day before it ends, created again when Graph says it is gone - and turns
 * each notification whose clientState matches the kept secret into a `calendar.sync` job. A
 * notification is never trusted as data: the sync fetches the event.
 */
export class CalendarNotifications {
  readonly resource: string;
  private readonly lifetimeMs: number;
  private readonly renewBeforeMs: number;

  constructor(private readonly deps: CalendarNotificationsDeps) {
    this.resource = `/users/${deps.settings.mailbox}/events`;
    this.lifetimeMs = deps.settings.lifetimeMs ?? subscriptionLifetimeMs;
    this.renewBeforeMs = deps.settings.renewBeforeMs ?? renewBeforeMs;
  }

  /** The job handlers to register with the engine. */
  handlers(): JobHandlers {
    return {
      [SUBSCRIPTION_ENSURE_JOB]: (data) => this.onEnsure(data),
      [SUBSCRIPTION_RENEW_JOB]: (data) => this.onRenew(data),
    };
  }

  /**
   * Asks for the subscription to be made sure of, by a job (once, however many instances start).
   * Call it once the server listens: Graph checks the URLs answer before it creates one.
   */
  start(): Promise<void> {
    return this.deps.jobs.schedule(SUBSCRIPTION_ENSURE_JOB, {}, { key: this.resource });
  }

  /**
   * Makes sure Graph holds a live subscription to the calendar at the configured URLs: renews the
   * kept one (which also proves it is still there), or creates one when there is none, Graph no
   * longer has it, or PUBLIC_URL changed.
   */
  async ensure(): Promise<CalendarSubscription> {
    const kept = await this.deps.store.subscriptionFor(this.resource);
    if (!kept) return this.create();
    if (kept.notificationUrl !== this.deps.settings.notificationUrl) {
      await this.deps.subscriptions.remove(kept.id);
      await this.deps.store.forgetSubscription(this.resource, kept.id);
      return this.create();
    }
    return this.renewOrCreate(kept);
  }

  /**
   * A change-notification batch: each item whose subscription and clientState match the kept
   * ones schedules a `calendar.sync` of the event it names; the others are ignored (and listed).
   * @throws InvalidNotificationError when the body is not a batch.
   */
  async receiveChanges(body: unknown): Promise<NotificationReceipt> {
    const batch = readChangeNotifications(body);
    refuse(batch);
    const kept = await this.deps.store.subscriptionFor(this.resource);
    const ignored: IgnoredNotification[] = batch.unreadable.map((u) => ({ ...u, reason: 'malformed' }));
    let accepted = 0;
    for (const { index, item } of batch.items) {
      const reason = this.problemWith(item, kept);
      if (reason) {
        ignored.push({ index, subscriptionId: item.subscriptionId, reason });
        continue;
      }
      await this.scheduleSync(item.eventId);
      accepted++;
    }
    return { accepted, ignored: byIndex(ignored) };
  }

  /**
   * A lifecycle-notification batch, each item checked as a change notification is:
   * `reauthorizationRequired` renews now, `subscriptionRemoved` creates another, `missed`
   * schedules a full sync (every tracked booking is fetched).
   * @throws InvalidNotificationError when the body is not a batch.
   */
  async receiveLifecycle(body: unknown): Promise<NotificationReceipt> {
    const batch = readLifecycleNotifications(body);
    refuse(batch);
    const kept = await this.deps.store.subscriptionFor(this.resource);
    const ignored: IgnoredNotification[] = batch.unreadable.map((u) => ({ ...u, reason: 'malformed' }));
    let accepted = 0;
    const { jobs } = this.deps;
    for (const { index, item } of batch.items) {
      const id = item.subscriptionId;
      const reason = this.problemWith(item, kept);
      if (reason) {
        ignored.push({ index, subscriptionId: id, reason });
        continue;
      }
      if (item.lifecycleEvent === 'reauthorizationRequired') await jobs.schedule(SUBSCRIPTION_RENEW_JOB, { subscriptionId: id }, { key: `now:${id}` });
      else if (item.lifecycleEvent === 'subscriptionRemoved') await jobs.schedule(SUBSCRIPTION_ENSURE_JOB, { removed: id }, { key: `removed:${id}` });
      else if (item.lifecycleEvent === 'missed') await this.scheduleSync();
      else {
        ignored.push({ index, subscriptionId: id, reason: 'unknown-lifecycle-event' });
        continue;
      }
      accepted++;
    }
    return { accepted, ignored: byIndex(ignored) };
  }

  private problemWith(item: { subscriptionId: string; clientState?: string }, kept: CalendarSubscription | undefined): IgnoredReason | undefined {
    if (!kept) return 'not-subscribed';
    if (item.subscriptionId !== kept.id) return 'unknown-subscription';
    return sameSecret(item.clientState, kept.clientState) ? undefined : 'client-state';
  }

  private async onEnsure(data: JobData): Promise<void> {
    const removed = text(data, 'removed');
    if (!removed) return void (await this.ensure());
    const kept = await this.deps.store.subscriptionFor(this.resource);
    // Already replaced (a second lifecycle notification, or a restart made another): nothing to do.
    if (kept?.id !== removed) return;
    await this.deps.store.forgetSubscription(this.resource, removed);
    await this.create();
  }

  private async onRenew(data: JobData): Promise<void> {
    const kept = await this.deps.store.subscriptionFor(this.resource);
    // Replaced since this job was scheduled: the new one has its own renewal.
    if (!kept || kept.id !== text(data, 'subscriptionId')) return;
    // Renewed since (a restart, a reauthorization): a later renewal is already waiting.
    const expected = text(data, 'expiresAt');
    if (expected && kept.expiresAt.toISOString() !== expected) return;
    await this.renewOrCreate(kept);
  }

  private async renewOrCreate(kept: CalendarSubscription): Promise<CalendarSubscription> {
    const term = await this.deps.subscriptions.renew(kept.id, this.newExpiry());
    if (term === 'gone') {
      await this.deps.store.forgetSubscription(this.resource, kept.id);
      return this.create();
    }
    const renewed = { ...kept, expiresAt: term.expiresAt };
    await this.deps.store.saveSubscription(renewed, this.deps.clock.now());
    await this.scheduleRenewal(renewed);
    return renewed;
  }

  private async create(): Promise<CalendarSubscription> {
    const { subscriptions, store, clock, newSecret, settings } = this.deps;
    const clientState = newSecret();
    const term = await subscriptions.create({
      resource: this.resource,
      notificationUrl: settings.notificationUrl,
      lifecycleNotificationUrl: settings.lifecycleNotificationUrl,
      clientState,
      expiresAt: this.newExpiry(),
    });
    const subscription: CalendarSubscription = { id: term.id, resource: this.resource, notificationUrl: settings.notificationUrl, clientState, expiresAt: term.expiresAt };
    await store.saveSubscription(subscription, clock.now());
    await this.scheduleRenewal(subscription);
    // Changes made while nothing was subscribed were not notified: fetch everything once.
    await this.scheduleSync();
    return subscription;
  }

  private newExpiry(): Date {
    return new Date(this.deps.clock.now().getTime() + this.lifetimeMs);
  }

  /** A day before the end (or half-way, if Graph granted less than two days). */
  private scheduleRenewal(subscription: CalendarSubscription): Promise<void> {
    const left = subscription.expiresAt.getTime() - this.deps.clock.now().getTime();
    const runAt = new Date(subscription.expiresAt.getTime() - Math.min(this.renewBeforeMs, Math.max(0, left / 2)));
    const expiresAt = subscription.expiresAt.toISOString();
    return this.deps.jobs.schedule(SUBSCRIPTION_RENEW_JOB, { subscriptionId: subscription.id, expiresAt }, { runAt, key: `${subscription.id}@${expiresAt}` });
  }

  private scheduleSync(eventId?: string): Promise<void> {
    const job = calendarSyncJob(eventId);
    return this.deps.jobs.schedule(CALENDAR_SYNC_JOB, job.data, { key: job.key });
  }
}

/**
 * Without a subscription (no PUBLIC_URL, or the local calendar) a batch is still read - junk is
 * refused - and every item ignored as `not-subscribed`.
 * @throws InvalidNotificationError when the body is not a batch.
 */
export function ignoreNotifications(body: unknown, kind: 'changes' | 'lifecycle'): NotificationReceipt {
  const batch: ReadBatch<{ readonly subscriptionId: string }> = kind === 'changes' ? readChangeNotifications(body) : readLifecycleNotifications(body);
  refuse(batch);
  const ignored: IgnoredNotification[] = [
    ...batch.unreadable.map((u): IgnoredNotification => ({ ...u, reason: 'malformed' })),
    ...batch.items.map(({ index, item }): IgnoredNotification => ({ index, subscriptionId: item.subscriptionId, reason: 'not-subscribed' })),
  ];
  return { accepted: 0, ignored: byIndex(ignored) };
}
