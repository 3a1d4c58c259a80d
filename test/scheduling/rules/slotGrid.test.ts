import { describe, expect, it } from 'vitest';
import type { Slot } from '../../../scheduling/model/Interval.js';
import { formatLondonIso } from '../../../scheduling/rules/londonTime.js';
import { slotGrid } from '../../../scheduling/rules/slotGrid.js';
import { northamptonshire } from './northamptonshire.js';

const utc = (cells: Slot[]) => cells.map((c) => `${c.start.toISOString().slice(11, 16)}-${c.end.toISOString().slice(11, 16)}`);

describe('slotGrid', () => {
  it('gives six 15-minute cells from 10:00 to 11:30 UK time (GMT)', () => {
    expect(utc(slotGrid('2026-11-25' /* Wed */, northamptonshire))).toEqual([
      '10:00-10:15', '10:15-10:30', '10:30-10:45', '10:45-11:00', '11:00-11:15', '11:15-11:30',
    ]);
  });

  it('gives the same UK times an hour earlier in UTC in summer (BST)', () => {
    expect(utc(slotGrid('2026-06-03' /* Wed */, northamptonshire))).toEqual([
      '09:00-09:15', '09:15-09:30', '09:30-09:45', '09:45-10:00', '10:00-10:15', '10:15-10:30',
    ]);
  });

  it.each([
    ['2026-03-27', '2026-03-27T10:00:00+00:00', '2026-03-27T11:30:00+00:00'], // Fri before the clocks go forward
    ['2026-03-29', '2026-03-29T10:00:00+01:00', '2026-03-29T11:30:00+01:00'], // Sun, the day they go forward
    ['2026-03-30', '2026-03-30T10:00:00+01:00', '2026-03-30T11:30:00+01:00'], // Mon after
    ['2026-10-23', '2026-10-23T10:00:00+01:00', '2026-10-23T11:30:00+01:00'], // Fri before the clocks go back
    ['2026-10-25', '2026-10-25T10:00:00+00:00', '2026-10-25T11:30:00+00:00'], // Sun, the day they go back
    ['2026-10-26', '2026-10-26T10:00:00+00:00', '2026-10-26T11:30:00+00:00'], // Mon after
  ])('keeps 10:00-11:30 UK time across the clock change week of %s', (day, first, last) => {
    const grid = slotGrid(day, northamptonshire);
    expect(grid).toHaveLength(6);
    expect(formatLondonIso(grid[0]!.start)).toBe(first);
    expect(formatLondonIso(grid[5]!.end)).toBe(last);
    expect(grid.every((c) => c.end.getTime() - c.start.getTime() === 15 * 60_000)).toBe(true);
  });

  it('fills a window that spans the clock change with cells of real elapsed minutes', () => {
    const night = { ...northamptonshire, window: { start: '00:30', end: '03:00' } };
    // 29 March 2026: 00:30 GMT to 03:00 BST is 90 minutes, not 150.
    expect(slotGrid('2026-03-29', night)).toHaveLength(6);
    expect(formatLondonIso(slotGrid('2026-03-29', night)[2]!.start)).toBe('2026-03-29T02:00:00+01:00');
    // 25 October 2026: 00:30 BST to 03:00 GMT is 210 minutes.
    expect(slotGrid('2026-10-25', night)).toHaveLength(14);
  });

  it('leaves out a cell that would run past the window end', () => {
    const short = { ...northamptonshire, window: { start: '10:00', end: '11:20' } };
    expect(utc(slotGrid('2026-11-25', short)).at(-1)).toBe('11:00-11:15');
    expect(slotGrid('2026-11-25', short)).toHaveLength(5);
  });

  it('follows the rota\'s cell length', () => {
    const halfHours = { ...northamptonshire, slotMinutes: 30, longerSlotMinutes: 60 };
    expect(utc(slotGrid('2026-11-25', halfHours))).toEqual(['10:00-10:30', '10:30-11:00', '11:00-11:30']);
  });
});
