import type { CalendarChangeNotification, CalendarLifecycleNotification } from '../model/CalendarSubscription.js';

/** An item that could not be read: its place in the batch, and its subscription id if it had one. */
export interface UnreadableItem {
  readonly index: number;
  readonly subscriptionId?: string;
}

export type ReadBatch<T> = { readonly problem: string } | { readonly items: ReadonlyArray<{ readonly index: number; readonly item: T }>; readonly unreadable: readonly UnreadableItem[] };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * An event id from a notification's `resource`, e.g. `Users/{user id}/Events/{event id}`
 * (Graph writes it so, any case, sometimes with `events('{id}')`).
 */
export function eventIdFromResource(resource: string | undefined): string | undefined {
  if (!resource) return undefined;
  const path = /\/events\/([^/?]+)$/i.exec(resource) ?? /\/events\('([^']+)'\)$/i.exec(resource);
  return path?.[1];
}

function readBatch<T>(body: unknown, read: (item: Json) => T | undefined): ReadBatch<T> {
  if (!isObject(body) || !Array.isArray(body.value)) return { problem: 'a notification batch is a JSON object with a "value" array' };
  const items: Array<{ index: number; item: T }> = [];
  const unreadable: UnreadableItem[] = [];
  body.value.forEach((raw: unknown, index) => {
    const item = isObject(raw) ? read(raw) : undefined;
    if (item) items.push({ index, item });
    else {
      const subscriptionId = isObject(raw) ? text(raw.subscriptionId) : undefined;
      unreadable.push({ index, ...(subscriptionId ? { subscriptionId } : {}) });
    }
  });
  return { items, unreadable };
}

/**
 * Reads a change-notification batch as Graph POSTs it (`{ value: [{ subscriptionId, clientState,
 * changeType, resource, resourceData: { id } }] }`). Nothing in it is trusted: the caller checks
 * each item's clientState and then fetches what changed.
 */
export function readChangeNotifications(body: unknown): ReadBatch<CalendarChangeNotification> {
  return readBatch(body, (raw) => {
    const subscriptionId = text(raw.subscriptionId);
    const changeType = text(raw.changeType);
    if (!subscriptionId || !changeType) return undefined;
    const clientState = text(raw.clientState);
    const eventId = (isObject(raw.resourceData) ? text(raw.resourceData.id) : undefined) ?? eventIdFromResource(text(raw.resource));
    return { subscriptionId, changeType, ...(clientState ? { clientState } : {}), ...(eventId ? { eventId } : {}) };
  });
}

/** Reads a lifecycle-notification batch (`{ value: [{ subscriptionId, clientState, lifecycleEvent }] }`). */
export function readLifecycleNotifications(body: unknown): ReadBatch<CalendarLifecycleNotification> {
  return readBatch(body, (raw) => {
    const subscriptionId = text(raw.subscriptionId);
    const lifecycleEvent = text(raw.lifecycleEvent);
    if (!subscriptionId || !lifecycleEvent) return undefined;
    const clientState = text(raw.clientState);
    return { subscriptionId, lifecycleEvent, ...(clientState ? { clientState } : {}) };
  });
}
