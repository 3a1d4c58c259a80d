import { isoWeekday } from './PlainDate.js';
import type { PlainDate } from '../model/PlainDate.js';

/**
 * Whether a day is a working day: Monday to Friday and not a non-working day.
 * Rule: DOMAIN.md "Clocks the product keeps" (working days = Mon-Fri, excluding bank holidays)
 * and "Strategy discussion on the rota" (a deployment adds closure days).
 * @param nonWorking bank holidays and configured closure days, merged by the caller.
 * @example
 * isWorkingDay('2026-12-28', bankHolidays) //=> false (Monday, Boxing Day substitute day)
 */
export function isWorkingDay(day: PlainDate, nonWorking: ReadonlySet<PlainDate>): boolean {
  return isoWeekday(day) <= 5 && !nonWorking.has(day);
}
