import { londonDateOf, londonInstant } from './londonTime.js';
import { previousWorkingDay } from './previousWorkingDay.js';
import type { PlainDate } from '../model/PlainDate.js';

/** UK time on the working day before the slot by which the police should have accepted. */
export const policeReplyCutOff = '16:00';

/**
 * When the manager is reminded that the police have not accepted a booked slot: 16:00 UK time on
 * the working day before it (over weekends, bank holidays and closure days; GMT or BST as the
 * day has it).
 * Rule: issue 8 "The police's reply to the invite" (tentative or no answer by 16:00 on the
 * working day before the slot: a reminder to the manager).
 * @example
 * policeReplyDue(new Date('2026-10-26T10:00:00Z'), bankHolidays) //=> 2026-10-23T15:00:00.000Z (Friday 16:00 BST for a Monday slot in GMT)
 */
export function policeReplyDue(slotStart: Date, nonWorking: ReadonlySet<PlainDate>): Date {
  return londonInstant(previousWorkingDay(londonDateOf(slotStart), nonWorking), policeReplyCutOff);
}
