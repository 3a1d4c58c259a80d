import type { PlainDate } from '../model/PlainDate.js';

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether a string is a real calendar day in `YYYY-MM-DD` form.
 * @example
 * isPlainDate('2026-02-29') //=> false (2026 is not a leap year)
 */
export function isPlainDate(value: string): value is PlainDate {
  const m = PLAIN_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = new Date(Date.UTC(y, mo - 1, d));
  return utc.getUTCFullYear() === y && utc.getUTCMonth() === mo - 1 && utc.getUTCDate() === d;
}

function toUtcNoon(day: PlainDate): Date {
  if (!isPlainDate(day)) throw new RangeError(`not a YYYY-MM-DD date: ${day}`);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 12));
}

function fromUtc(date: Date): PlainDate {
  return date.toISOString().slice(0, 10);
}

/**
 * The day `amount` calendar days after `day` (negative goes back).
 * @example
 * addDays('2026-11-27', 3) //=> '2026-11-30'
 */
export function addDays(day: PlainDate, amount: number): PlainDate {
  const at = toUtcNoon(day);
  at.setUTCDate(at.getUTCDate() + amount);
  return fromUtc(at);
}

/**
 * ISO weekday of a day: 1 = Monday ... 7 = Sunday.
 * @example
 * isoWeekday('2026-11-23') //=> 1 (Monday)
 */
export function isoWeekday(day: PlainDate): number {
  const wd = toUtcNoon(day).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/**
 * Calendar days from `from` to `to` (positive when `to` is later).
 * @example
 * daysBetween('2026-11-23', '2026-11-25') //=> 2
 */
export function daysBetween(from: PlainDate, to: PlainDate): number {
  return Math.round((toUtcNoon(to).getTime() - toUtcNoon(from).getTime()) / 86_400_000);
}
