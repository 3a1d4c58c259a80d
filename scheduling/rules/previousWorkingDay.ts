import { isWorkingDay } from './isWorkingDay.js';
import { addDays } from './PlainDate.js';
import type { PlainDate } from '../model/PlainDate.js';

/**
 * The last working day strictly before `day`.
 * Rule: DOMAIN.md "Clocks the product keeps" (working days = Mon-Fri, excluding bank holidays).
 * @example
 * previousWorkingDay('2026-04-07', bankHolidays) //=> '2026-04-02' (Tuesday -> Thursday before Easter)
 */
export function previousWorkingDay(day: PlainDate, nonWorking: ReadonlySet<PlainDate>): PlainDate {
  let previous = addDays(day, -1);
  while (!isWorkingDay(previous, nonWorking)) previous = addDays(previous, -1);
  return previous;
}
