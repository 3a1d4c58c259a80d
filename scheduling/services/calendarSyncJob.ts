import type { JobData } from '../ports/Jobs.js';

/**
 * The job that fetches the shared calendar and compares it with the bookings (the reply
 * tracking's handler runs it). Change notifications and lifecycle events only schedule it: a
 * notification is never trusted as data.
 */
export const CALENDAR_SYNC_JOB = 'calendar.sync';

/**
 * What a `calendar.sync` job carries: the Graph id of the event a notification named, or nothing
 * for a full sync (every tracked booking: after a `missed` lifecycle event, or a new subscription).
 */
export interface CalendarSyncData {
  readonly eventId?: string;
}

/** The job's data and key: one waiting sync per event, and one waiting full sync. */
export function calendarSyncJob(eventId?: string): { readonly data: JobData; readonly key: string } {
  return eventId ? { data: { eventId }, key: `event:${eventId}` } : { data: {}, key: 'all' };
}

/** Reads a `calendar.sync` job's data back. */
export function readCalendarSyncData(data: JobData): CalendarSyncData {
  return typeof data.eventId === 'string' && data.eventId !== '' ? { eventId: data.eventId } : {};
}
