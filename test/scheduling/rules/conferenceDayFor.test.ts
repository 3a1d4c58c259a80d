import { describe, expect, it } from 'vitest';
import { conferenceDayFor } from '../../../scheduling/rules/conferenceDayFor.js';
import { northamptonshire } from './northamptonshire.js';

describe('conferenceDayFor', () => {
  it.each([
    ['2026-11-23', '2026-11-25'], // Mon -> Wed of that week
    ['2026-11-24', '2026-11-25'], // Tue -> Wed of that week
    ['2026-11-25', '2026-11-27'], // Wed -> Fri of that week
    ['2026-11-26', '2026-11-27'], // Thu -> Fri of that week
    ['2026-11-27', '2026-11-30'], // Fri -> the following Mon
    ['2026-12-31', '2027-01-01'], // Thu -> Fri, across the year end (a bank holiday: not its concern)
  ])('takes a referral received %s to %s', (receivedOn, day) => {
    expect(conferenceDayFor(receivedOn, northamptonshire)).toBe(day);
  });

  it('never gives the day itself: a rota mapping Monday to Monday gives the next Monday', () => {
    const mondays = { ...northamptonshire, conferenceWeekdays: [1], discussedOn: { '1': 1, '2': 1, '3': 1, '4': 1, '5': 1 } };
    expect(conferenceDayFor('2026-11-23' /* Mon */, mondays)).toBe('2026-11-30'); // Mon
    expect(conferenceDayFor('2026-11-27' /* Fri */, mondays)).toBe('2026-11-30'); // Mon
  });

  it('follows another area\'s weekday map', () => {
    const tueThu = { ...northamptonshire, conferenceWeekdays: [2, 4], discussedOn: { '1': 2, '2': 4, '3': 4, '4': 2, '5': 2 } };
    expect(conferenceDayFor('2026-11-23' /* Mon */, tueThu)).toBe('2026-11-24'); // Tue
    expect(conferenceDayFor('2026-11-26' /* Thu */, tueThu)).toBe('2026-12-01'); // next Tue
  });

  it('refuses a weekday the rota has no entry for', () => {
    expect(() => conferenceDayFor('2026-11-28' /* Sat */, northamptonshire)).toThrow(RangeError);
  });
});
