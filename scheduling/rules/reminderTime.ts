import { isWorkingDay } from './isWorkingDay.js';
import { londonDateOf, londonInstant, londonMinutesOf, minutesOfClock } from './londonTime.js';
import { nextWorkingDay } from './nextWorkingDay.js';
import type { PlainDate } from '../model/PlainDate.js';

/** The hours reminders and overdue notices go out in (UK time, working days): 09:00 to 17:00. */
export const reminderHours = { start: '09:00', end: '17:00' } as const;

/**
 * When a reminder or overdue notice that falls due at `due` is sent: at once within working
 * hours (09:00 to before 17:00 UK time on a working day); before 09:00 on a working day, at
 * 09:00 that day; otherwise (evening, weekend, bank holiday, closure day) at 09:00 on the next
 * working day. The urgent escalation never goes through this: it is never held back.
 * Rule: issue 8 ("Reminders go out only in working hours") over DOMAIN.md working days.
 * @example
 * reminderTime(new Date('2026-11-25T14:00:00Z'), bankHolidays) //=> 2026-11-25T14:00:00.000Z (Wed 14:00)
 * reminderTime(new Date('2026-11-27T18:30:00Z'), bankHolidays) //=> 2026-11-30T09:00:00.000Z (Fri evening -> Mon 09:00)
 */
export function reminderTime(due: Date, nonWorking: ReadonlySet<PlainDate>): Date {
  const day = londonDateOf(due);
  const minutes = londonMinutesOf(due);
  if (isWorkingDay(day, nonWorking)) {
    if (minutes < minutesOfClock(reminderHours.start)) return londonInstant(day, reminderHours.start);
    if (minutes < minutesOfClock(reminderHours.end)) return due;
  }
  return londonInstant(nextWorkingDay(day, nonWorking), reminderHours.start);
}

/**
 * Whether an instant is within the hours reminders go out in (see `reminderTime`).
 * @example
 * isReminderHour(new Date('2026-11-29T10:00:00Z'), bankHolidays) //=> false (Sunday)
 */
export function isReminderHour(at: Date, nonWorking: ReadonlySet<PlainDate>): boolean {
  return reminderTime(at, nonWorking).getTime() === at.getTime();
}
