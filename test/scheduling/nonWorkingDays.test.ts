import { describe, expect, it } from 'vitest';
import { nonWorkingDays } from '../../app/openDesk.js';
import { receivedWorkingDay } from '../../scheduling/rules/receivedWorkingDay.js';
import { northamptonshire } from './rules/northamptonshire.js';

describe('nonWorkingDays', () => {
  it('knows the bank holidays of any year asked for, not only 2020-2040', () => {
    const days = nonWorkingDays([]);
    expect(days.has('2041-12-25')).toBe(true); // Wed, Christmas Day
    expect(days.has('2041-12-26')).toBe(true); // Thu, Boxing Day
    expect(days.has('2019-12-25')).toBe(true); // Wed, Christmas Day
    expect(days.has('2060-01-01')).toBe(true); // Thu, New Year's Day
    expect(days.has('2041-12-27')).toBe(false); // Fri, a working day
  });

  it('keeps the configured closure days beside the bank holidays', () => {
    const days = nonWorkingDays(['2026-11-25', '2045-06-14']);
    expect(days.has('2026-11-25')).toBe(true); // Wed, closure
    expect(days.has('2045-06-14')).toBe(true); // Wed, closure
    expect(days.has('2026-12-25')).toBe(true); // Fri, Christmas Day
    expect(days.has('2026-11-26')).toBe(false); // Thu
  });

  it('counts a referral made on Christmas Eve 2041 as received after the two holidays', () => {
    // Wed 24 December 2041, 17:00 (GMT): after the cut-off, so the next working day: Fri 27th.
    expect(receivedWorkingDay(new Date('2041-12-24T17:00:00Z'), northamptonshire, nonWorkingDays([]))).toBe('2041-12-27');
  });
});
