import { describe, expect, it } from 'vitest';
import { nextWorkingDay } from '../../../scheduling/rules/nextWorkingDay.js';
import { bankHolidays } from './northamptonshire.js';

describe('nextWorkingDay', () => {
  it.each([
    ['2026-11-23', '2026-11-24'], // Mon -> Tue: strictly after, even from a working day
    ['2026-11-27', '2026-11-30'], // Fri -> Mon
    ['2026-11-28', '2026-11-30'], // Sat -> Mon
    ['2026-11-29', '2026-11-30'], // Sun -> Mon
    ['2026-04-02', '2026-04-07'], // Thu -> Tue, over Good Friday and Easter Monday
    ['2026-04-03', '2026-04-07'], // Good Friday -> Tue
    ['2026-12-24', '2026-12-29'], // Thu -> Tue, over Christmas and the Boxing Day substitute
    ['2026-12-31', '2027-01-04'], // Thu -> Mon, over New Year's Day (Fri)
  ])('after %s comes %s', (day, next) => {
    expect(nextWorkingDay(day, bankHolidays)).toBe(next);
  });

  it('skips configured closure days', () => {
    const nonWorking = new Set([...bankHolidays, '2026-12-29', '2026-12-30', '2026-12-31']); // Tue-Thu closed
    expect(nextWorkingDay('2026-12-24' /* Thu */, nonWorking)).toBe('2027-01-04'); // Mon
  });
});
