import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isPlainDate, isoWeekday } from '../../../scheduling/rules/PlainDate.js';

describe('isPlainDate', () => {
  it('accepts a real day and rejects an impossible one', () => {
    expect(isPlainDate('2028-02-29')).toBe(true); // leap year
    expect(isPlainDate('2026-02-29')).toBe(false);
    expect(isPlainDate('2026-1-5')).toBe(false);
  });
});

describe('addDays', () => {
  it('crosses a month end and the October clock change without drifting', () => {
    expect(addDays('2026-10-23' /* Fri */, 3)).toBe('2026-10-26'); // Mon, after clocks go back
    expect(addDays('2026-03-27' /* Fri */, 3)).toBe('2026-03-30'); // Mon, after clocks go forward
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('isoWeekday', () => {
  it('numbers Monday 1 and Sunday 7', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
  });
});

describe('daysBetween', () => {
  it('counts calendar days', () => {
    expect(daysBetween('2026-11-23', '2026-11-30')).toBe(7);
  });
});
