import { describe, expect, it } from 'vitest';
import type { Db } from '../../scheduling/adapters/pg/Db.js';
import type { CalendarSubscription } from '../../scheduling/model/CalendarSubscription.js';
import { at, storesPerTest } from './storeFixtures.js';

const resource = '/users/strategy.meetings@council.example.org/events';
const subscription: CalendarSubscription = {
  id: 'sub-1',
  resource,
  notificationUrl: 'https://desk.council.example/api/graph/notifications',
  clientState: 'kept-secret-1',
  expiresAt: new Date('2026-11-26T12:00:00Z'),
};

/**
 * What every CalendarSubscriptionStore adapter must do, whatever engine is under it. Run by
 * test/scheduling/adapters/pg/SqlCalendarSubscriptionStore.test.ts on PGlite and on the PostgreSQL server.
 */
export function calendarSubscriptionStoreContract(name: string, openDb: () => Promise<Db>): void {
  describe(`CalendarSubscriptionStore contract: ${name}`, () => {
    const t = storesPerTest(openDb);

    it('keeps one subscription per resource, the last saved, with its secret and expiry', async () => {
      const store = t.stores.calendarSubscriptions;
      expect(await store.subscriptionFor(resource)).toBeUndefined();
      await store.saveSubscription(subscription, at);
      expect(await store.subscriptionFor(resource)).toEqual(subscription);
      const renewed = { ...subscription, expiresAt: new Date('2026-11-28T12:00:00Z') };
      await store.saveSubscription(renewed, at);
      expect(await store.subscriptionFor(resource)).toEqual(renewed);
      const replaced = { ...subscription, id: 'sub-2', clientState: 'kept-secret-2' };
      await store.saveSubscription(replaced, at);
      expect(await store.subscriptionFor(resource)).toEqual(replaced);
      expect(await store.subscriptionFor('/users/other@council.example.org/events')).toBeUndefined();
    });

    it('forgets the subscription only when it is the one named', async () => {
      const store = t.stores.calendarSubscriptions;
      await store.saveSubscription(subscription, at);
      await store.forgetSubscription(resource, 'sub-0');
      expect(await store.subscriptionFor(resource)).toEqual(subscription);
      await store.forgetSubscription(resource, 'sub-1');
      expect(await store.subscriptionFor(resource)).toBeUndefined();
    });
  });
}
