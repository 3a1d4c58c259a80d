import { describe, expect, it } from 'vitest';
import { firstFreeSlot } from '../../../scheduling/rules/firstFreeSlot.js';
import type { Interval, Slot } from '../../../scheduling/model/Interval.js';
import { slotGrid } from '../../../scheduling/rules/slotGrid.js';
import { at, northamptonshire } from './northamptonshire.js';

// Wednesday 25 November 2026 (GMT): cells 10:00, 10:15, ... 11:15 UTC.
const grid = slotGrid('2026-11-25', northamptonshire);
const t = (hhmm: string) => at(`2026-11-25T${hhmm}Z`);
const busy = (from: string, to: string): Interval => ({ start: t(from), end: t(to) });
const earlier = at('2026-11-23T09:00:00Z'); // Mon: nothing has started yet
const hhmm = (slot: Slot | undefined) => slot && `${slot.start.toISOString().slice(11, 16)}-${slot.end.toISOString().slice(11, 16)}`;

describe('firstFreeSlot', () => {
  it('gives the earliest cell of an empty day', () => {
    expect(hhmm(firstFreeSlot(grid, [], 1, earlier))).toBe('10:00-10:15');
  });

  it.each([
    ['the first cell is booked', [busy('10:00', '10:15')], '10:15-10:30'],
    ['a later cell is booked', [busy('10:15', '10:30')], '10:00-10:15'],
    ['a hand-made 10:05-10:20 takes the 10:00 and the 10:15 cell', [busy('10:05', '10:20')], '10:30-10:45'],
    ['two minutes across a cell boundary take both cells', [busy('10:14', '10:16')], '10:30-10:45'],
    ['an event ending at 10:00 only touches the first cell', [busy('09:00', '10:00')], '10:00-10:15'],
    ['an event ending at 10:15 frees the 10:15 cell', [busy('09:30', '10:15')], '10:15-10:30'],
    ['three cells booked one by one', [busy('10:00', '10:15'), busy('10:15', '10:30'), busy('10:30', '10:45')], '10:45-11:00'],
    ['only the last cell is left', [busy('11:10', '11:14'), busy('09:00', '11:10')], '11:15-11:30'],
  ])('skips taken time when %s', (_, taken, expected) => {
    expect(hhmm(firstFreeSlot(grid, taken, 1, earlier))).toBe(expected);
  });

  it('gives undefined for a full day', () => {
    expect(firstFreeSlot(grid, [busy('10:00', '11:30')], 1, earlier)).toBeUndefined();
    expect(firstFreeSlot(grid, [busy('09:00', '12:00')], 1, earlier)).toBeUndefined();
    const everyCell = grid.map((c) => ({ start: new Date(c.start.getTime() + 60_000), end: new Date(c.start.getTime() + 120_000) }));
    expect(firstFreeSlot(grid, everyCell, 1, earlier)).toBeUndefined();
  });

  it('finds two adjacent free cells for a 30-minute slot', () => {
    const taken = [busy('10:15', '10:30'), busy('10:45', '11:00')]; // free: 10:00, 10:30, 11:00, 11:15
    expect(hhmm(firstFreeSlot(grid, taken, 1, earlier))).toBe('10:00-10:15');
    expect(hhmm(firstFreeSlot(grid, taken, 2, earlier))).toBe('11:00-11:30');
  });

  it('gives undefined for a 30-minute slot when no two free cells are adjacent', () => {
    const taken = [busy('10:15', '10:30'), busy('10:45', '11:00'), busy('11:15', '11:30')];
    expect(firstFreeSlot(grid, taken, 2, earlier)).toBeUndefined();
    expect(hhmm(firstFreeSlot(grid, taken, 1, earlier))).toBe('10:00-10:15');
  });

  it('never joins cells that are not back to back', () => {
    const gapped = [grid[0]!, grid[2]!]; // 10:00 and 10:30: the 10:15 cell is not in the grid
    expect(firstFreeSlot(gapped, [], 2, earlier)).toBeUndefined();
  });

  it.each([
    ['10:20:00', '10:30-10:45', 'in the middle of a cell: that cell has started'],
    ['10:30:00', '10:30-10:45', 'exactly at a cell start: that cell is still open'],
    ['10:30:00.001', '10:45-11:00', 'a millisecond after a cell start: that cell has started'],
    ['11:15:00', '11:15-11:30', 'at the last cell'],
  ])('never gives a slot that has started: at %s the answer is %s (%s)', (now, expected) => {
    expect(hhmm(firstFreeSlot(grid, [], 1, t(now)))).toBe(expected);
  });

  it('gives undefined once the last cell has started, and needs a whole longer slot still to come', () => {
    expect(firstFreeSlot(grid, [], 1, t('11:15:00.001'))).toBeUndefined();
    expect(hhmm(firstFreeSlot(grid, [], 2, t('10:40')))).toBe('10:45-11:15');
    expect(firstFreeSlot(grid, [], 2, t('11:00:01'))).toBeUndefined();
  });

  it('reads a grid given out of order in time order', () => {
    expect(hhmm(firstFreeSlot([...grid].reverse(), [busy('10:00', '10:15')], 1, earlier))).toBe('10:15-10:30');
  });

  it('rejects a slot of no cells or part of a cell', () => {
    expect(() => firstFreeSlot(grid, [], 0, earlier)).toThrow(RangeError);
    expect(() => firstFreeSlot(grid, [], 1.5, earlier)).toThrow(RangeError);
  });
});
