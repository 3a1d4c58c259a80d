import { endOfWorkingDay } from './endOfWorkingDay.js';
import { londonDateOf } from './londonTime.js';
import { workingDayDeadline } from './workingDayDeadline.js';
import type { PlainDate } from '../model/PlainDate.js';

/** What must follow a decision to start section 47 enquiries, and by when. */
export interface S47Deadlines {
  /** The s47 record outcome: by the end of working day 3. */
  readonly outcome: Date;
  /** The s47 enquiry completed: within 15 working days. */
  readonly enquiry: Date;
  /** The initial child protection conference, when one is convened: within 15 working days. */
  readonly conference?: Date;
}

/**
 * The clocks a section 47 decision starts, each due at the end (17:00 UK) of its last working
 * day, counted from the UK day of the decision (`workingDayDeadline`: that day is day 0).
 * Rule: DOMAIN.md "Clocks the product keeps".
 * @example
 * s47Deadlines(new Date('2026-11-27T11:00:00Z'), true, bankHolidays)
 * //=> { outcome: 2026-12-02T17:00Z (Wed), enquiry: 2026-12-18T17:00Z (Fri), conference: 2026-12-18T17:00Z }
 */
export function s47Deadlines(decidedAt: Date, conferenceConvened: boolean, nonWorking: ReadonlySet<PlainDate>): S47Deadlines {
  const day = londonDateOf(decidedAt);
  const fifteen = endOfWorkingDay(workingDayDeadline(day, 15, nonWorking));
  return { outcome: endOfWorkingDay(workingDayDeadline(day, 3, nonWorking)), enquiry: fifteen, ...(conferenceConvened ? { conference: fifteen } : {}) };
}
