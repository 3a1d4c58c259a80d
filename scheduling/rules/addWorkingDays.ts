import { isWorkingDay } from './isWorkingDay.js';
import { addDays } from './PlainDate.js';
import type { PlainDate } from '../model/PlainDate.js';

/**
 * The day `amount` working days after `day` (before it, when negative), counting only working
 * days; 0 gives `day` itself, working or not.
 * Rule: DOMAIN.md "Clocks the product keeps" (working days = Mon-Fri, excluding bank holidays).
 * @example
 * addWorkingDays('2026-11-27', 1, bankHolidays) //=> '2026-11-30' (Friday -> Monday)
 */
export function addWorkingDays(day: PlainDate, amount: number, nonWorking: ReadonlySet<PlainDate>): PlainDate {
  if (!Number.isInteger(amount)) throw new RangeError(`not a whole number of working days: ${amount}`);
  const step = Math.sign(amount);
  let at = day;
  for (let left = Math.abs(amount); left > 0; left--) {
    do at = addDays(at, step);
    while (!isWorkingDay(at, nonWorking));
  }
  return at;
}
