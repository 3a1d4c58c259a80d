import Holidays from 'date-holidays';
import type { PlainDate } from './PlainDate.js';

// England and Wales share their bank holidays; date-holidays ships them offline (no network).
const england = new Holidays('GB', 'ENG');
const byYear = new Map<number, readonly PlainDate[]>();

function bankHolidaysIn(year: number): readonly PlainDate[] {
  let days = byYear.get(year);
  if (!days) {
    // Only 'public' days are bank holidays; Mother's Day and Easter Sunday are 'observance'.
    days = england.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10));
    byYear.set(year, days);
  }
  return days;
}

/**
 * England & Wales bank holidays in the years `fromYear`..`toYear` inclusive, substitute days
 * included (a holiday on a weekend moves to the next weekday), from bundled offline data.
 * Rule: DOMAIN.md "Bank holidays come from bundled offline data"; a caller merges in an area's
 * closure days.
 * @example
 * englandAndWalesBankHolidays(2026, 2026).has('2026-12-28') //=> true (Boxing Day, substitute day)
 */
export function englandAndWalesBankHolidays(fromYear: number, toYear: number): ReadonlySet<PlainDate> {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
    throw new RangeError(`not a range of years: ${fromYear}..${toYear}`);
  }
  const days = new Set<PlainDate>();
  for (let year = fromYear; year <= toYear; year++) for (const day of bankHolidaysIn(year)) days.add(day);
  return days;
}
