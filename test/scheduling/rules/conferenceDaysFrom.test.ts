import { describe, expect, it } from 'vitest';
import { conferenceDaysFrom } from '../../../scheduling/rules/conferenceDaysFrom.js';
import { bankHolidays, northamptonshire } from './northamptonshire.js';

describe('conferenceDaysFrom', () => {
  it('lists the Mondays, Wednesdays and Fridays from the first day on', () => {
    expect(conferenceDaysFrom('2026-11-23' /* Mon */, northamptonshire, bankHolidays).slice(0, 5)).toEqual([
      '2026-11-23', // Mon
      '2026-11-25', // Wed
      '2026-11-27', // Fri
      '2026-11-30', // Mon
      '2026-12-02', // Wed
    ]);
  });

  it('starts at the next conference weekday when the first day is not one', () => {
    expect(conferenceDaysFrom('2026-11-24' /* Tue */, northamptonshire, bankHolidays)[0]).toBe('2026-11-25'); // Wed
    expect(conferenceDaysFrom('2026-11-28' /* Sat */, northamptonshire, bankHolidays)[0]).toBe('2026-11-30'); // Mon
  });

  it('passes over Good Friday and Easter Monday to Wednesday 8 April 2026', () => {
    expect(conferenceDaysFrom('2026-04-03' /* Fri, Good Friday */, northamptonshire, bankHolidays).slice(0, 3)).toEqual([
      '2026-04-08', // Wed
      '2026-04-10', // Fri
      '2026-04-13', // Mon
    ]);
  });

  it('passes over Christmas, the Boxing Day substitute Monday and New Year\'s Day', () => {
    expect(conferenceDaysFrom('2026-12-25' /* Fri */, northamptonshire, bankHolidays).slice(0, 3)).toEqual([
      '2026-12-30', // Wed
      '2027-01-04', // Mon
      '2027-01-06', // Wed
    ]);
  });

  it('passes over a configured closure day', () => {
    const nonWorking = new Set([...bankHolidays, '2026-11-25']); // Wed closed
    expect(conferenceDaysFrom('2026-11-25', northamptonshire, nonWorking)[0]).toBe('2026-11-27'); // Fri
  });

  it('looks no further than rota.searchDays calendar days, the last one included', () => {
    const days = conferenceDaysFrom('2026-11-23' /* Mon */, northamptonshire, bankHolidays);
    expect(days.at(-1)).toBe('2027-01-04'); // Mon, 42 days on
    expect(days).toHaveLength(16); // 19 Mon/Wed/Fri in 43 days, less 25 Dec, 28 Dec and 1 Jan
    expect(conferenceDaysFrom('2026-11-23', { ...northamptonshire, searchDays: 2 }, bankHolidays)).toEqual(['2026-11-23', '2026-11-25']);
    expect(conferenceDaysFrom('2026-11-23', { ...northamptonshire, searchDays: 1 }, bankHolidays)).toEqual(['2026-11-23']);
  });
});
