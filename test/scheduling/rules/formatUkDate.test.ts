import { describe, expect, it } from 'vitest';
import { formatUkDate, formatUkDateInWords } from '../../../scheduling/rules/formatUkDate.js';

describe('formatUkDate', () => {
  it.each([
    ['2026-03-04', '04/03/2026'], // day first, as in the UK, not 03/04
    ['2026-11-25', '25/11/2026'],
    ['2024-02-29', '29/02/2024'],
  ])('writes %s as %s', (day, written) => {
    expect(formatUkDate(day)).toBe(written);
  });

  it.each(['2026-02-29', '25/11/2026', '2026-1-5', ''])('refuses %j, which is not a YYYY-MM-DD day', (day) => {
    expect(() => formatUkDate(day)).toThrow(RangeError);
  });
});

describe('formatUkDateInWords', () => {
  it.each([
    ['2026-11-25', 'Wednesday 25 November 2026'],
    ['2026-03-29', 'Sunday 29 March 2026'], // the day the clocks go forward: a plain day all the same
    ['2027-01-01', 'Friday 1 January 2027'],
  ])('writes %s as %s', (day, words) => {
    expect(formatUkDateInWords(day)).toBe(words);
  });

  it('refuses a day that does not exist', () => {
    expect(() => formatUkDateInWords('2026-11-31')).toThrow(/2026-11-31/);
  });
});
