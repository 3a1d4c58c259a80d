import { addWorkingDays } from './addWorkingDays.js';
import type { PlainDate } from '../model/PlainDate.js';

/**
 * The day a working-day clock runs out: "s47 record outcome by day 3", "initial child protection
 * conference within 15 working days", "s47 enquiry completed within 15 working days".
 * Our reading (the seeds do not define day 0): the day of the decision is day 0 and day N is the
 * Nth working day after it, so a decision on a Friday is due by day 3 on the Wednesday. A
 * decision on a non-working day still counts from that day: its day 1 is the next working day.
 * Rule: DOMAIN.md "Clocks the product keeps".
 * @param from the day of the decision (UK).
 * @param days the working days allowed.
 * @example
 * workingDayDeadline('2026-11-27', 3, bankHolidays) //=> '2026-12-02' (Friday -> Wednesday)
 */
export function workingDayDeadline(from: PlainDate, days: number, nonWorking: ReadonlySet<PlainDate>): PlainDate {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`a deadline is a whole number of working days: ${days}`);
  return addWorkingDays(from, days, nonWorking);
}
