import { describe, expect, it } from 'vitest';
import { policeReplyDue } from '../../../scheduling/rules/policeReplyDue.js';
import { at, bankHolidays } from './northamptonshire.js';

describe('policeReplyDue', () => {
  it('is 16:00 on the day before a Wednesday slot', () => {
    expect(policeReplyDue(at('2026-11-25T10:00:00Z') /* Wed */, bankHolidays)).toEqual(at('2026-11-24T16:00:00Z'));
  });

  it('is 16:00 on the Friday before a Monday slot', () => {
    expect(policeReplyDue(at('2026-11-30T10:15:00Z') /* Mon */, bankHolidays)).toEqual(at('2026-11-27T16:00:00Z'));
  });

  it('is 16:00 BST on the Friday before a Monday slot in GMT (clocks go back on Sunday 25 October)', () => {
    expect(policeReplyDue(at('2026-10-26T10:00:00Z') /* Mon, GMT */, bankHolidays)).toEqual(at('2026-10-23T16:00:00+01:00'));
  });

  it('is 16:00 GMT on the Friday before a Monday slot in BST (clocks go forward on Sunday 29 March)', () => {
    expect(policeReplyDue(at('2026-03-30T10:00:00+01:00') /* Mon, BST */, bankHolidays)).toEqual(at('2026-03-27T16:00:00Z'));
  });

  it('goes back over bank holidays: Wednesday 24 December for a slot on Monday 29 December 2025', () => {
    expect(policeReplyDue(at('2025-12-29T10:00:00Z'), bankHolidays)).toEqual(at('2025-12-24T16:00:00Z'));
  });

  it('goes back over closure days', () => {
    const nonWorking = new Set([...bankHolidays, '2026-11-24']); // Tue closed
    expect(policeReplyDue(at('2026-11-25T10:00:00Z') /* Wed */, nonWorking)).toEqual(at('2026-11-23T16:00:00Z'));
  });
});
