import { describe, expect, it } from 'vitest';
import { formatLondonIso } from '../../../scheduling/rules/londonTime.js';
import { isReminderHour, reminderTime } from '../../../scheduling/rules/reminderTime.js';
import { at, bankHolidays } from './northamptonshire.js';

describe('reminderTime', () => {
  it.each([
    ['2026-11-25T14:00:00+00:00', '2026-11-25T14:00:00+00:00'], // Wed 14:00: at once
    ['2026-11-25T09:00:00+00:00', '2026-11-25T09:00:00+00:00'], // Wed 09:00 sharp: at once
    ['2026-11-25T16:59:59+00:00', '2026-11-25T16:59:59+00:00'], // Wed just before 17:00
    ['2026-11-25T06:30:00+00:00', '2026-11-25T09:00:00+00:00'], // Wed early morning -> 09:00 that day
    ['2026-11-25T17:00:00+00:00', '2026-11-26T09:00:00+00:00'], // Wed 17:00 -> Thu 09:00
    ['2026-11-27T18:30:00+00:00', '2026-11-30T09:00:00+00:00'], // Fri evening -> Mon 09:00
    ['2026-11-29T03:00:00+00:00', '2026-11-30T09:00:00+00:00'], // Sunday night -> Mon 09:00
  ])('sends one due at %s at %s', (due, sent) => {
    expect(formatLondonIso(reminderTime(at(due), bankHolidays))).toBe(sent);
  });

  it('waits over a bank holiday weekend: Good Friday and Easter Monday', () => {
    expect(formatLondonIso(reminderTime(at('2026-04-02T17:30:00+01:00') /* Thu evening */, bankHolidays))).toBe('2026-04-07T09:00:00+01:00'); // Tue
    expect(formatLondonIso(reminderTime(at('2026-04-06T11:00:00+01:00') /* Easter Monday */, bankHolidays))).toBe('2026-04-07T09:00:00+01:00');
  });

  it('keeps to 09:00 UK time across both clock changes', () => {
    // Clocks go forward on Sunday 29 March 2026: Monday 09:00 is 08:00 UTC.
    expect(reminderTime(at('2026-03-28T12:00:00Z') /* Sat */, bankHolidays).toISOString()).toBe('2026-03-30T08:00:00.000Z');
    // Clocks go back on Sunday 25 October 2026: Monday 09:00 is 09:00 UTC.
    expect(reminderTime(at('2026-10-24T12:00:00Z') /* Sat */, bankHolidays).toISOString()).toBe('2026-10-26T09:00:00.000Z');
    // Friday 16:30 BST is within hours, 16:30 UTC (17:30 BST) is not.
    expect(reminderTime(at('2026-10-23T15:30:00Z'), bankHolidays).toISOString()).toBe('2026-10-23T15:30:00.000Z');
    expect(reminderTime(at('2026-10-23T16:30:00Z'), bankHolidays).toISOString()).toBe('2026-10-26T09:00:00.000Z');
  });

  it('honours closure days', () => {
    const closed = new Set([...bankHolidays, '2026-11-30']);
    expect(formatLondonIso(reminderTime(at('2026-11-27T18:30:00+00:00'), closed))).toBe('2026-12-01T09:00:00+00:00');
  });
});

describe('isReminderHour', () => {
  it('is true within 09:00-17:00 on a working day only', () => {
    expect(isReminderHour(at('2026-11-25T10:00:00Z'), bankHolidays)).toBe(true);
    expect(isReminderHour(at('2026-11-25T08:59:00Z'), bankHolidays)).toBe(false);
    expect(isReminderHour(at('2026-11-29T10:00:00Z') /* Sunday */, bankHolidays)).toBe(false);
    expect(isReminderHour(at('2026-12-25T10:00:00Z') /* Christmas Day */, bankHolidays)).toBe(false);
  });
});
