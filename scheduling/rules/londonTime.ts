import { tzOffset, tzScan } from '@date-fns/tz';
import { isPlainDate } from './PlainDate.js';
import type { PlainDate } from '../model/PlainDate.js';

/**
 * UK local time (Europe/London): the only module where the zone enters.
 *
 * Every other rule works on `PlainDate` days and on instants (`Date`, UTC); this module turns
 * one into the other with @date-fns/tz (`tzOffset`, London's offset at an instant, and `tzScan`,
 * the moments it changes), which reads the zone from the runtime's time-zone data, so its answers
 * never depend on the zone of the process (the suite runs it under UTC and America/Los_Angeles).
 * A London reading is the instant moved on by that offset, read through UTC fields. (`TZDate`
 * did the same job at several times the cost: it reads the offset again for every field it
 * keeps in step, and through the process's own zone too.)
 *
 * Wall-clock times that do not exist or happen twice (DOMAIN.md is silent; our reading):
 * - spring forward (last Sunday of March, 01:00 -> 02:00): a time in the missing hour, such as
 *   01:30, is the first instant that exists after it, the moment the clocks jump (01:00 UTC,
 *   shown as 02:00 BST);
 * - fall back (last Sunday of October, 02:00 -> 01:00): a time in the repeated hour, such as
 *   01:30, is its first occurrence (the BST one, 00:30 UTC).
 * (`TZDate` reads both the other way: the skipped time pushed on by the jump, the repeated
 * time's second occurrence.)
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

/**
 * London's offset from UTC in minutes at an instant, as @date-fns/tz's `tzOffset` reads it from
 * the runtime's zone data, kept per UTC day: reading it costs a formatted date each time, and
 * the rules read the same few days over and over. A day whose offset differs at its start and at
 * its end (the day of a clock change) is kept per UTC hour instead, and an hour whose offset
 * differs at its start and at its end (the hour of the change) is not kept. UK clocks change at
 * most twice a year, so a day or an hour with one offset at both ends has it throughout.
 */
function londonOffsetAt(epochMs: number): number {
  const day = Math.floor(epochMs / DAY);
  const keptDay = offsetsByDay.get(day);
  if (keptDay !== undefined) return keptDay;
  const hour = Math.floor(epochMs / HOUR);
  const keptHour = offsetsByHour.get(hour);
  if (keptHour !== undefined) return keptHour;
  const dayStart = tzOffset(ZONE, new Date(day * DAY));
  if (tzOffset(ZONE, new Date(day * DAY + DAY - 1)) === dayStart) return keep(offsetsByDay, day, dayStart);
  const start = tzOffset(ZONE, new Date(hour * HOUR));
  if (tzOffset(ZONE, new Date(hour * HOUR + HOUR - 1)) !== start) return tzOffset(ZONE, new Date(epochMs));
  return keep(offsetsByHour, hour, start);
}
const offsetsByDay = new Map<number, number>();
const offsetsByHour = new Map<number, number>();
/** About 27 years of days, or a year of hours: enough for any working set, small enough to forget. */
const maxKept = 10_000;

function keep<T>(kept: Map<number, T>, key: number, value: T): T {
  if (kept.size >= maxKept) kept.clear();
  kept.set(key, value);
  return value;
}

/**
 * The London wall clock at an instant, as a `Date` whose UTC fields read it (`getUTCHours()` is
 * the London hour): the instant moved on by London's offset.
 */
function inLondonAt(instant: Date | number): Date {
  return new Date(wallClockAsUtc(typeof instant === 'number' ? instant : epochOf(instant)));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of a London reading. */
function dayOf(t: Date): PlainDate {
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** `HH:mm:ss` of a London reading. */
function clockOf(t: Date): string {
  return `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
}

/** The London wall clock at an instant, as if it were a UTC reading (milliseconds since epoch). */
function wallClockAsUtc(epochMs: number): number {
  return epochMs + londonOffsetAt(epochMs) * MINUTE;
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
  return (((t.getUTCHours() * 60 + t.getUTCMinutes()) * 60 + t.getUTCSeconds()) * 1000 + t.getUTCMilliseconds()) / MINUTE;
}

/**
 * The UK wall-clock time of an instant, `HH:mm:ss.SSS`.
 * @example
 * londonWallTimeOf(new Date('2026-11-25T14:02:05.250Z')) //=> '14:02:05.250'
 */
export function londonWallTimeOf(instant: Date): string {
  const t = inLondonAt(instant);
  return `${clockOf(t)}.${pad(t.getUTCMilliseconds(), 3)}`;
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
  // The instants London reads as `wall`, under the offset in force a day before and a day after
  // (UK clocks change at most once in two days): one normally, two in the hour repeated when the
  // clocks go back (the first is taken), none in the hour skipped when they go forward.
  const before = wall - londonOffsetAt(wall - DAY) * MINUTE;
  const after = wall - londonOffsetAt(wall + DAY) * MINUTE;
  const readings = [before, after].filter((t) => wallClockAsUtc(t) === wall);
  if (readings.length > 0) return new Date(Math.min(...readings));
  // Skipped: the moment the clocks jumped, the last change of offset before the reading under the
  // earlier offset, within a day of it.
  const jump = changesAround(before)
    .filter((c) => c <= before && c >= before - DAY)
    .at(-1);
  if (jump === undefined) throw new RangeError(`no UK clock change explains ${day} ${time}`);
  return new Date(jump);
}

/**
 * The moments London's offset changes from the start of the UTC day before `epochMs`'s to the
 * end of its own, as tzScan finds them, kept per UTC day (every time skipped on a spring day
 * asks for the same scan). tzScan steps from its start, which is a whole UTC day (UK clocks
 * change at 01:00 UTC).
 */
function changesAround(epochMs: number): readonly number[] {
  const day = Math.floor(epochMs / DAY);
  const kept = changesByDay.get(day);
  if (kept !== undefined) return kept;
  const changes = tzScan(ZONE, { start: new Date((day - 1) * DAY), end: new Date((day + 1) * DAY) }).map((c) => +c.date);
  return keep(changesByDay, day, changes);
}
const changesByDay = new Map<number, readonly number[]>();

/**
 * An instant as ISO 8601 in UK local time with its numeric offset, to the second.
 * @example
 * formatLondonIso(new Date('2026-11-25T10:15:00Z')) //=> '2026-11-25T10:15:00+00:00'
 * formatLondonIso(new Date('2026-06-03T09:00:00Z')) //=> '2026-06-03T10:00:00+01:00'
 */
export function formatLondonIso(instant: Date): string {
  const second = Math.floor(epochOf(instant) / 1000) * 1000;
  const t = inLondonAt(second);
  const offset = londonOffsetAt(second); // minutes ahead of UTC: 0 (GMT) or 60 (BST)
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
