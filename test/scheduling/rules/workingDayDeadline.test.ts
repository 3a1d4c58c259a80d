import { describe, expect, it } from 'vitest';
import { workingDayDeadline } from '../../../scheduling/rules/workingDayDeadline.js';
import { bankHolidays } from './northamptonshire.js';

describe('workingDayDeadline', () => {
  it.each([
    ['2026-11-23', 3, '2026-11-26'], // Mon -> Thu
    ['2026-11-27', 3, '2026-12-02'], // Fri -> Wed, over the weekend
    ['2026-11-28', 3, '2026-12-02'], // Sat -> Wed: day 1 is Monday
    ['2026-04-02', 3, '2026-04-09'], // Thu -> Thu: Tue 7, Wed 8, Thu 9 (Good Friday, Easter Monday)
    ['2026-12-23', 3, '2026-12-30'], // Wed -> Wed: Thu 24, Tue 29, Wed 30 (Christmas, substitute Monday)
  ])('puts the s47 record outcome (day 3) of a decision on %s by %s', (decided, days, due) => {
    expect(workingDayDeadline(decided, days, bankHolidays)).toBe(due);
  });

  it.each([
    ['2026-11-23', 15, '2026-12-14'], // Mon -> Mon three weeks on
    ['2026-12-18', 15, '2027-01-13'], // Fri -> Wed, over 25 Dec, 28 Dec and 1 Jan
  ])('puts 15 working days (conference, enquiry) after a decision on %s at %s', (decided, days, due) => {
    expect(workingDayDeadline(decided, days, bankHolidays)).toBe(due);
  });

  it('counts the day of the decision as day 0', () => {
    expect(workingDayDeadline('2026-11-25' /* Wed */, 0, bankHolidays)).toBe('2026-11-25');
  });

  it('rejects a negative or fractional number of days', () => {
    expect(() => workingDayDeadline('2026-11-25', -1, bankHolidays)).toThrow(RangeError);
    expect(() => workingDayDeadline('2026-11-25', 2.5, bankHolidays)).toThrow(RangeError);
  });
});
