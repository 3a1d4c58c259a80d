import { describe, expect, it } from 'vitest';
import { eventIdFromResource, readChangeNotifications, readLifecycleNotifications } from '../../../scheduling/rules/graphNotifications.js';
import { sameSecret } from '../../../scheduling/rules/sameSecret.js';

describe('reading Graph notification batches', () => {
  it('reads each change item: subscription, clientState, change type and the event it names', () => {
    const body = {
      value: [
        { subscriptionId: 's1', clientState: 'c', changeType: 'updated', resource: 'Users/u1/Events/AAMk1', resourceData: { id: 'AAMk1' } },
        { subscriptionId: 's1', changeType: 'deleted', resource: "Users/u1/Events('AAMk2')" },
        { subscriptionId: 's1', changeType: 'created' },
        { changeType: 'created' },
        'junk',
      ],
    };
    expect(readChangeNotifications(body)).toEqual({
      items: [
        { index: 0, item: { subscriptionId: 's1', clientState: 'c', changeType: 'updated', eventId: 'AAMk1' } },
        { index: 1, item: { subscriptionId: 's1', changeType: 'deleted', eventId: 'AAMk2' } },
        { index: 2, item: { subscriptionId: 's1', changeType: 'created' } },
      ],
      unreadable: [{ index: 3 }, { index: 4 }],
    });
  });

  it('reads lifecycle items and keeps the id of one it cannot read', () => {
    expect(readLifecycleNotifications({ value: [{ subscriptionId: 's1', clientState: 'c', lifecycleEvent: 'missed' }, { subscriptionId: 's2' }] })).toEqual({
      items: [{ index: 0, item: { subscriptionId: 's1', clientState: 'c', lifecycleEvent: 'missed' } }],
      unreadable: [{ index: 1, subscriptionId: 's2' }],
    });
  });

  it.each([[null], [[]], ['text'], [{}], [{ value: {} }]])('says %j is not a batch', (body) => {
    expect(readChangeNotifications(body)).toEqual({ problem: expect.stringContaining('"value" array') });
    expect(readLifecycleNotifications(body)).toEqual({ problem: expect.stringContaining('"value" array') });
  });

  it('finds the event id in the resource path, any case', () => {
    expect(eventIdFromResource('users/u1/events/AAMkX=')).toBe('AAMkX=');
    expect(eventIdFromResource('Users/u1/Messages/AAMkX')).toBeUndefined();
    expect(eventIdFromResource(undefined)).toBeUndefined();
  });
});

describe('sameSecret', () => {
  it('matches only the very secret, never a missing or empty one', () => {
    expect(sameSecret('s3cret-value', 's3cret-value')).toBe(true);
    expect(sameSecret('s3cret-valuf', 's3cret-value')).toBe(false);
    expect(sameSecret('s3cret', 's3cret-value')).toBe(false);
    expect(sameSecret(undefined, 's3cret-value')).toBe(false);
    expect(sameSecret('', '')).toBe(false);
  });
});
