import { addWorkingDays } from './addWorkingDays.js';
import { londonDateOf, londonInstant } from './londonTime.js';
import { reminderHours, reminderTime } from './reminderTime.js';
import type { PlainDate } from '../model/PlainDate.js';

/**
 * When to remind the person a clock is for, before it runs out: 09:00 UK on the working day
 * before the day it is due ("one working day before"). A clock too short for that (the 24-hour
 * record) is reminded halfway, moved into working hours; no reminder at all when that would not
 * come before the due time (the overdue notice then speaks for itself).
 * Rule: issue 8 item 5 (reminder before, overdue after; reminders only in working hours).
 * @example
 * reminderDue(new Date('2026-11-27T12:00:00Z'), new Date('2026-12-02T17:00:00Z'), bankHolidays) //=> 2026-12-01T09:00:00.000Z
 * reminderDue(new Date('2026-11-25T10:15:00Z'), new Date('2026-11-26T10:15:00Z'), bankHolidays) //=> 2026-11-26T09:00:00.000Z
 */
export function reminderDue(startedAt: Date, due: Date, nonWorking: ReadonlySet<PlainDate>): Date | undefined {
  const dayBefore = londonInstant(addWorkingDays(londonDateOf(due), -1, nonWorking), reminderHours.start);
  const wanted = dayBefore > startedAt ? dayBefore : new Date((startedAt.getTime() + due.getTime()) / 2);
  const sent = reminderTime(wanted, nonWorking);
  return sent < due ? sent : undefined;
}
