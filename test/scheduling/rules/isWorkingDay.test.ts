import { describe, expect, it } from 'vitest';
import { isWorkingDay } from '../../../scheduling/rules/isWorkingDay.js';
import { bankHolidays } from './northamptonshire.js';

describe('isWorkingDay', () => {
  it.each([
    ['2026-11-23', true], // Mon
    ['2026-11-27', true], // Fri
    ['2026-11-28', false], // Sat
    ['2026-11-29', false], // Sun
    ['2026-04-03', false], // Fri, Good Friday
    ['2026-04-06', false], // Mon, Easter Monday
    ['2026-04-07', true], // Tue after Easter
    ['2026-12-28', false], // Mon, Boxing Day (substitute day)
    ['2026-12-29', true], // Tue
  ])('says %s is a working day: %s', (day, working) => {
    expect(isWorkingDay(day, bankHolidays)).toBe(working);
  });

  it('treats a configured closure day like a bank holiday', () => {
    const closures = new Set([...bankHolidays, '2026-11-25']); // Wed, an area's closure day
    expect(isWorkingDay('2026-11-25', closures)).toBe(false);
    expect(isWorkingDay('2026-11-25', bankHolidays)).toBe(true);
  });
});
