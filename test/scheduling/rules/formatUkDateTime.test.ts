import { describe, expect, it } from 'vitest';
import { formatSlotInWords, formatUkDateTimeInWords, formatUkTime } from '../../../scheduling/rules/formatUkDateTime.js';
import { at } from './northamptonshire.js';

describe('formatSlotInWords', () => {
  it.each([
    ['2026-11-25T10:15:00Z', '2026-11-25T10:30:00Z', 'Wednesday 25 November 2026, 10:15-10:30'], // GMT
    ['2026-06-03T09:00:00Z', '2026-06-03T09:30:00Z', 'Wednesday 3 June 2026, 10:00-10:30'], // BST
    ['2026-03-30T09:00:00Z', '2026-03-30T09:15:00Z', 'Monday 30 March 2026, 10:00-10:15'], // Mon after the clocks go forward
  ])('writes %s to %s as %j', (start, end, words) => {
    expect(formatSlotInWords({ start: at(start), end: at(end) })).toBe(words);
  });
});

describe('formatUkDateTimeInWords', () => {
  it('writes the UK day and time', () => {
    expect(formatUkDateTimeInWords(at('2026-11-24T14:02:00Z'))).toBe('Tuesday 24 November 2026, 14:02');
    expect(formatUkDateTimeInWords(at('2026-06-02T23:30:00Z'))).toBe('Wednesday 3 June 2026, 00:30'); // BST: the next UK day
  });
});

describe('formatUkTime', () => {
  it.each([
    ['2026-11-25T14:02:59Z', '14:02'], // GMT, seconds dropped
    ['2026-06-03T13:02:00Z', '14:02'], // BST
    ['2026-06-02T23:05:00Z', '00:05'], // BST just after midnight
  ])('writes %s as %s', (instant, time) => {
    expect(formatUkTime(at(instant))).toBe(time);
  });
});
