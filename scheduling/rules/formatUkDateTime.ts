import type { Slot } from '../model/Interval.js';
import { formatUkDateInWords } from './formatUkDate.js';
import { londonDateOf, londonWallTimeOf } from './londonTime.js';

/**
 * The UK wall-clock time of an instant, `HH:mm` (24-hour, seconds dropped), for cards and mails.
 * @example
 * formatUkTime(new Date('2026-06-03T13:02:45Z')) //=> '14:02' (BST)
 */
export function formatUkTime(instant: Date): string {
  return londonWallTimeOf(instant).slice(0, 5);
}

function ukDayInWords(instant: Date): string {
  return formatUkDateInWords(londonDateOf(instant));
}

/**
 * An instant in words, in UK time: its day and `HH:mm`.
 * @example
 * formatUkDateTimeInWords(new Date('2026-11-24T14:02:00Z')) //=> 'Tuesday 24 November 2026, 14:02'
 */
export function formatUkDateTimeInWords(instant: Date): string {
  return `${ukDayInWords(instant)}, ${formatUkTime(instant)}`;
}

/**
 * A slot in words as people in the UK read it: its day and UK start and end times.
 * Slots lie within one conference window, so the day is the start's day.
 * @example
 * formatSlotInWords({ start: new Date('2026-11-25T10:15:00Z'), end: new Date('2026-11-25T10:30:00Z') })
 * //=> 'Wednesday 25 November 2026, 10:15-10:30'
 */
export function formatSlotInWords(slot: Slot): string {
  return `${formatUkDateTimeInWords(slot.start)}-${formatUkTime(slot.end)}`;
}
