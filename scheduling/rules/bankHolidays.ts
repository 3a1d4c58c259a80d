import Holidays from 'date-holidays-parser';
import type { PlainDate } from '../model/PlainDate.js';
import englandAndWales from './englandAndWalesHolidays.json' with { type: 'json' };

// England and Wales share their bank holidays. date-holidays ships them offline (no network), with
// every other country's; only GB's rules are loaded (scripts/holidayData.ts writes them out).
const england = new Holidays(englandAndWales, 'GB', 'ENG');
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

/**
 * The days nobody works, for any year: England & Wales bank holidays, loaded one year at a time
 * the first time a day of that year is asked about (and kept), plus an area's closure days.
 * No range of years is fixed in advance, so a referral in 2019 or 2060 is counted like one today.
 * Iterating gives the closure days and the bank holidays of the years asked about so far; ask
 * `has` for a particular day.
 * Rule: DOMAIN.md "Bank holidays come from bundled offline data; a deployment can add closure days".
 * @example
 * new NonWorkingDays(['2026-11-25']).has('2041-12-25') //=> true (Christmas Day)
 */
export class NonWorkingDays extends Set<PlainDate> {
  private readonly yearsLoaded = new Set<number>();

  constructor(closures: Iterable<PlainDate> = []) {
    super(closures);
  }

  override has(day: PlainDate): boolean {
    const year = /^(\d{4})-\d{2}-\d{2}$/.exec(day)?.[1];
    if (year && !this.yearsLoaded.has(Number(year))) {
      this.yearsLoaded.add(Number(year));
      for (const holiday of bankHolidaysIn(Number(year))) this.add(holiday);
    }
    return super.has(day);
  }
}
