import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../../scheduling/rules/addWorkingDays.js';
import { bankHolidays } from './northamptonshire.js';

describe('addWorkingDays', () => {
  it.each([
    ['2026-11-23', 0, '2026-11-23'], // Mon + 0 = itself
    ['2026-11-28', 0, '2026-11-28'], // Sat + 0 = itself, working or not
    ['2026-11-27', 1, '2026-11-30'], // Fri + 1 = Mon
    ['2026-11-28', 1, '2026-11-30'], // Sat + 1 = Mon
    ['2026-11-23', 5, '2026-11-30'], // Mon + 5 = next Mon
    ['2026-04-02', 1, '2026-04-07'], // Thu + 1 = Tue after Easter
    ['2026-12-23', 3, '2026-12-30'], // Wed + 3 = Wed: Thu 24, Tue 29, Wed 30 (Christmas, Boxing Day substitute)
    ['2026-12-30', 2, '2027-01-04'], // Wed + 2 = Mon: Thu 31, Mon 4 (Fri 1 Jan is New Year's Day)
    ['2026-11-30', -1, '2026-11-27'], // Mon - 1 = Fri
    ['2026-04-07', -1, '2026-04-02'], // Tue - 1 = Thu before Easter
  ])('%s plus %i working days is %s', (day, amount, expected) => {
    expect(addWorkingDays(day, amount, bankHolidays)).toBe(expected);
  });

  it('counts closure days as non-working', () => {
    const nonWorking = new Set([...bankHolidays, '2026-11-30']); // Mon closed
    expect(addWorkingDays('2026-11-27' /* Fri */, 1, nonWorking)).toBe('2026-12-01'); // Tue
  });

  it('rejects a fractional number of days', () => {
    expect(() => addWorkingDays('2026-11-23', 1.5, bankHolidays)).toThrow(RangeError);
  });
});
