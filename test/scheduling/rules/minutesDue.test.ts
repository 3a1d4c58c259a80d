import { describe, expect, it } from 'vitest';
import { formatLondonIso } from '../../../scheduling/rules/londonTime.js';
import { minutesDue } from '../../../scheduling/rules/minutesDue.js';
import { at, bankHolidays } from './northamptonshire.js';

const hours24 = { kind: 'hours', hours: 24 } as const;
const oneWorkingDay = { kind: 'workingDays', days: 1 } as const;

describe('minutesDue', () => {
  it.each([
    ['2026-11-27T10:15:00+00:00', '2026-11-28T10:15:00+00:00'], // Fri -> Sat: 24 hours, weekends included
    ['2026-12-24T11:00:00+00:00', '2026-12-25T11:00:00+00:00'], // Thu -> Christmas Day
    ['2026-03-28T10:00:00+00:00', '2026-03-29T11:00:00+01:00'], // Sat -> Sun: 24 real hours across the clock change
  ])('gives 24 hours (Northamptonshire) after a discussion held %s: %s', (held, due) => {
    expect(formatLondonIso(minutesDue(at(held), hours24, bankHolidays))).toBe(due);
  });

  it.each([
    ['2026-11-25T10:15:00+00:00', '2026-11-26T10:15:00+00:00'], // Wed -> Thu
    ['2026-11-27T10:15:00+00:00', '2026-11-30T10:15:00+00:00'], // Fri -> Mon
    ['2026-11-28T10:15:00+00:00', '2026-11-30T10:15:00+00:00'], // Sat -> Mon
    ['2026-04-02T11:00:00+01:00', '2026-04-07T11:00:00+01:00'], // Thu -> Tue, over Easter
    ['2026-12-24T10:00:00+00:00', '2026-12-29T10:00:00+00:00'], // Thu -> Tue, over Christmas and the substitute Monday
    ['2026-10-23T10:00:00+01:00', '2026-10-26T10:00:00+00:00'], // Fri -> Mon, same UK time after the clocks go back
    ['2026-03-27T10:00:30.500+00:00', '2026-03-30T10:00:30+01:00'], // Fri -> Mon, same UK time after they go forward
  ])('gives the same UK time one working day after a discussion held %s: %s', (held, due) => {
    expect(formatLondonIso(minutesDue(at(held), oneWorkingDay, bankHolidays))).toBe(due);
  });

  it('keeps the milliseconds of the UK time it was held at', () => {
    expect(minutesDue(at('2026-03-27T10:00:30.500Z'), oneWorkingDay, bankHolidays).toISOString()).toBe('2026-03-30T09:00:30.500Z');
  });

  it('counts more working days when configured, skipping closure days', () => {
    const nonWorking = new Set([...bankHolidays, '2026-11-30']); // Mon closed
    const held = at('2026-11-26T10:15:00Z'); // Thu
    expect(formatLondonIso(minutesDue(held, { kind: 'workingDays', days: 2 }, nonWorking))).toBe('2026-12-01T10:15:00+00:00'); // Tue
  });

  it('rejects a rule with no time in it', () => {
    expect(() => minutesDue(at('2026-11-25T10:00:00Z'), { kind: 'hours', hours: 0 }, bankHolidays)).toThrow(RangeError);
    expect(() => minutesDue(at('2026-11-25T10:00:00Z'), { kind: 'workingDays', days: 0 }, bankHolidays)).toThrow(RangeError);
  });
});
