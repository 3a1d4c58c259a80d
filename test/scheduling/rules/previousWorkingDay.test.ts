import { describe, expect, it } from 'vitest';
import { previousWorkingDay } from '../../../scheduling/rules/previousWorkingDay.js';
import { bankHolidays } from './northamptonshire.js';

describe('previousWorkingDay', () => {
  it.each([
    ['2026-11-25', '2026-11-24'], // Wed -> Tue: strictly before, even from a working day
    ['2026-11-30', '2026-11-27'], // Mon -> Fri
    ['2026-11-29', '2026-11-27'], // Sun -> Fri
    ['2026-04-07', '2026-04-02'], // Tue -> Thu, over Easter Monday and Good Friday
    ['2025-12-29', '2025-12-24'], // Mon -> Wed, over Boxing Day (Fri) and Christmas Day (Thu)
  ])('before %s comes %s', (day, previous) => {
    expect(previousWorkingDay(day, bankHolidays)).toBe(previous);
  });

  it('skips configured closure days', () => {
    const nonWorking = new Set([...bankHolidays, '2026-11-27']); // Fri closed
    expect(previousWorkingDay('2026-11-30' /* Mon */, nonWorking)).toBe('2026-11-26'); // Thu
  });
});
