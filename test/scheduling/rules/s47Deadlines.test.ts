import { describe, expect, it } from 'vitest';
import { formatLondonIso } from '../../../scheduling/rules/londonTime.js';
import { s47Deadlines } from '../../../scheduling/rules/s47Deadlines.js';
import { at, bankHolidays } from './northamptonshire.js';

const iso = (d: Date | undefined) => d && formatLondonIso(d);

describe('s47Deadlines', () => {
  it('gives the outcome by the end of working day 3 and the enquiry and conference by working day 15', () => {
    const due = s47Deadlines(at('2026-11-27T11:00:00+00:00') /* Fri */, true, bankHolidays);
    expect(iso(due.outcome)).toBe('2026-12-02T17:00:00+00:00'); // Wed
    expect(iso(due.enquiry)).toBe('2026-12-18T17:00:00+00:00'); // Fri
    expect(iso(due.conference)).toBe('2026-12-18T17:00:00+00:00');
  });

  it('has no conference clock when none is convened', () => {
    expect(s47Deadlines(at('2026-11-27T11:00:00+00:00'), false, bankHolidays).conference).toBeUndefined();
  });

  it('skips bank holidays and counts in UK days across the clock change', () => {
    // Decided Thursday 2 April 2026, before Good Friday and Easter Monday: days 1-3 are Tue 7 to Thu 9 April.
    expect(iso(s47Deadlines(at('2026-04-02T16:30:00+01:00'), false, bankHolidays).outcome)).toBe('2026-04-09T17:00:00+01:00');
    // 23:30 UTC on Friday 23 October is 00:30 BST on Saturday 24: it counts from the Saturday.
    expect(iso(s47Deadlines(at('2026-10-23T23:30:00Z'), false, bankHolidays).outcome)).toBe('2026-10-28T17:00:00+00:00'); // Wed, GMT
  });
});
