import type { CalendarEntry } from '../model/ConferenceEvent.js';
import type { Interval } from '../model/Interval.js';

/** What a person did to a booking's event in Outlook, if anything. */
export type HandEdit = { readonly kind: 'deleted' } | { readonly kind: 'moved'; readonly start: Date; readonly end: Date };

/**
 * Compares a booking's slot with its event as the calendar shows it now: gone or cancelled is a
 * deletion; another start or end (moved, shortened or lengthened) is a move; the same times, no
 * edit. The calendar is the source of truth: the booking follows it, never the other way.
 * Rule: issue 8 "The police's reply to the invite" (moved, shortened or deleted by hand in Outlook).
 * @param event the booking's event now, or undefined when the calendar no longer has it.
 * @example
 * handEditOf({ start: tenAm, end: tenFifteen }, { ...event, start: elevenAm, end: elevenFifteen }) //=> { kind: 'moved', start: elevenAm, end: elevenFifteen }
 */
export function handEditOf(booking: Interval, event: Pick<CalendarEntry, 'start' | 'end' | 'cancelled'> | undefined): HandEdit | undefined {
  if (!event || event.cancelled) return { kind: 'deleted' };
  if (event.start.getTime() === booking.start.getTime() && event.end.getTime() === booking.end.getTime()) return undefined;
  return { kind: 'moved', start: event.start, end: event.end };
}
