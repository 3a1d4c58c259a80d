import { TZDate, tzOffset, tzScan } from '@date-fns/tz';
import { isPlainDate } from './PlainDate.js';
import type { PlainDate } from '../model/PlainDate.js';

/**
 * UK local time (Europe/London): the only module where the zone enters.
 *
 * Every other rule works on `PlainDate` days and on instants (`Date`, UTC); this module turns
 * one into the other with @date-fns/tz (`TZDate`, `tzOffset`, `tzScan`), which reads the zone
 * from the runtime's time-zone data, so its answers never depend on the zone of the
 * process (the suite runs it under UTC and America/Los_Angeles).
 *
 * Wall-clock times that do not exist or happen twice (DOMAIN.md is silent; our reading):
 * - spring forward (last Sunday of March, 01:00 -> 02:00): a time in the missing hour, such as
 *   01:30, is the first instant that exists after it, the moment the clocks jump (01:00 UTC,
 *   shown as 02:00 BST);
 * - fall back (last Sunday of October, 02:00 -> 01:00): a time in the repeated hour, such as
 *   01:30, is its first occurrence (the BST one, 00:30 UTC).
 * `TZDate` itself reads these the other way (the skipped time pushed on by the jump, the repeated
 * time's second occurrence), so `londonInstant` corrects both.
 */

const ZONE = 'Europe/London';
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

function epochOf(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('not a valid instant');
  return ms;
}

/** The instant as a `TZDate` whose fields read the London wall clock. */
function inLondonAt(instant: Date | number): TZDate {
  return new TZDate(typeof instant === 'number' ? instant : epochOf(instant), ZONE);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of a London reading. */
function dayOf(t: TZDate): PlainDate {
  return `${pad(t.getFullYear(), 4)}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
}

/** `HH:mm:ss` of a London reading. */
function clockOf(t: TZDate): string {
  return `${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}`;
}

/** The London wall clock at an instant, as if it were a UTC reading (milliseconds since epoch). */
function wallClockAsUtc(epochMs: number): number {
  return epochMs + tzOffset(ZONE, new Date(epochMs)) * MINUTE;
}

/**
 * The UK calendar day an instant falls on.
 * @example
 * londonDateOf(new Date('2026-06-02T23:30:00Z')) //=> '2026-06-03' (00:30 BST)
 */
export function londonDateOf(instant: Date): PlainDate {
  return dayOf(inLondonAt(instant));
}

/**
 * How far the UK wall clock is past local midnight, in minutes (seconds and milliseconds as a
 * fraction), so `15:59:59.999` is just under 960 and `16:00` is 960.
 * @example
 * londonMinutesOf(new Date('2026-06-03T09:15:00Z')) //=> 615 (10:15 BST)
 */
export function londonMinutesOf(instant: Date): number {
  const t = inLondonAt(instant);
  return (((t.getHours() * 60 + t.getMinutes()) * 60 + t.getSeconds()) * 1000 + t.getMilliseconds()) / MINUTE;
}

/**
 * The UK wall-clock time of an instant, `HH:mm:ss.SSS`.
 * @example
 * londonWallTimeOf(new Date('2026-11-25T14:02:05.250Z')) //=> '14:02:05.250'
 */
export function londonWallTimeOf(instant: Date): string {
  const t = inLondonAt(instant);
  return `${clockOf(t)}.${pad(t.getMilliseconds(), 3)}`;
}

/**
 * Minutes after midnight of a wall-clock time written `HH:mm` (the rota's window and cut-off).
 * @example
 * minutesOfClock('16:00') //=> 960
 */
export function minutesOfClock(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`not an HH:mm time: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.(\d{1,3}))?)?$/;

/**
 * The instant when the UK wall clock reads `time` (`HH:mm`, `HH:mm:ss` or `HH:mm:ss.SSS`) on
 * `day`. A time skipped when the clocks go forward gives the moment they jump; a time repeated
 * when they go back gives its first occurrence (see the module comment).
 * @example
 * londonInstant('2026-11-25', '10:15') //=> 2026-11-25T10:15:00.000Z (GMT)
 * londonInstant('2026-06-03', '10:00') //=> 2026-06-03T09:00:00.000Z (BST)
 * londonInstant('2026-03-29', '01:30') //=> 2026-03-29T01:00:00.000Z (the jump to 02:00 BST)
 */
export function londonInstant(day: PlainDate, time: string): Date {
  if (!isPlainDate(day)) throw new RangeError(`not a YYYY-MM-DD date: ${day}`);
  const t = WALL_TIME.exec(time);
  if (!t) throw new RangeError(`not an HH:mm time: ${time}`);
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  const fields = [y, mo - 1, d, Number(t[1]), Number(t[2]), Number(t[3] ?? 0), Number((t[4] ?? '').padEnd(3, '0'))] as const;
  const wall = Date.UTC(...fields);
  // TZDate: in a repeated hour, the second occurrence; in a skipped one, pushed on by the jump.
  const read = +new TZDate(...fields, ZONE);
  if (wallClockAsUtc(read) !== wall) {
    // Skipped: the moment the clocks jumped, the last change of offset before that reading.
    // tzScan steps an hour at a time from its start, so it starts on a whole UTC hour: UK clocks
    // change at 01:00 UTC.
    const from = Math.floor((read - DAY) / HOUR) * HOUR;
    const jumps = tzScan(ZONE, { start: new Date(from), end: new Date(read) }).filter((c) => +c.date <= read);
    const jump = jumps.at(-1);
    if (!jump) throw new RangeError(`no UK clock change explains ${day} ${time}`);
    return jump.date;
  }
  // Repeated: the same reading under the offset in force a day before, if the clocks went back.
  const first = read - (tzOffset(ZONE, new Date(read - DAY)) - tzOffset(ZONE, new Date(read))) * MINUTE;
  return new Date(first < read && wallClockAsUtc(first) === wall ? first : read);
}

/**
 * An instant as ISO 8601 in UK local time with its numeric offset, to the second.
 * @example
 * formatLondonIso(new Date('2026-11-25T10:15:00Z')) //=> '2026-11-25T10:15:00+00:00'
 * formatLondonIso(new Date('2026-06-03T09:00:00Z')) //=> '2026-06-03T10:00:00+01:00'
 */
export function formatLondonIso(instant: Date): string {
  const t = inLondonAt(Math.floor(epochOf(instant) / 1000) * 1000);
  const offset = -t.getTimezoneOffset(); // minutes ahead of UTC: 0 (GMT) or 60 (BST)
  const abs = Math.abs(offset);
  return `${dayOf(t)}T${clockOf(t)}${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|([+-])(\d{2})(?::?(\d{2}))?)?$/i;

/**
 * Reads an ISO 8601 date and time. With `Z` or an offset it is that instant; without one it is
 * UK wall-clock time (read as `londonInstant` does). Seconds and fractions of a second are
 * optional (fractions beyond milliseconds are cut off).
 * @returns the instant, or undefined for text that is not a real date and time.
 * @example
 * parseInstant('2026-11-27T16:00') //=> 2026-11-27T16:00:00.000Z (16:00 GMT)
 * parseInstant('2026-06-05T16:00') //=> 2026-06-05T15:00:00.000Z (16:00 BST)
 * parseInstant('2026-06-05T16:00:00-04:00') //=> 2026-06-05T20:00:00.000Z
 * parseInstant('2026-02-30T10:00') //=> undefined
 */
export function parseInstant(text: string): Date | undefined {
  const m = ISO_DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '00', frac = '', zone, sign, oh, om = '00'] = m;
  const day = `${y}-${mo}-${d}`;
  if (!isPlainDate(day) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const ms = Number(frac.slice(0, 3).padEnd(3, '0'));
  if (!zone) return londonInstant(day, `${h}:${mi}:${s}.${pad(ms, 3)}`);
  if (Number(oh ?? 0) > 23 || Number(om) > 59) return undefined;
  const offset = zone.toUpperCase() === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms) - offset * MINUTE);
}
