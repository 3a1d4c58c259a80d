import { describe, expect, it } from 'vitest';
import { slotCells } from '../../../scheduling/rules/slotCells.js';
import { slotGrid } from '../../../scheduling/rules/slotGrid.js';
import { at, northamptonshire } from './northamptonshire.js';

describe('slotCells', () => {
  it('gives a standard slot as its one cell', () => {
    const slot = { start: at('2026-11-25T10:15:00Z'), end: at('2026-11-25T10:30:00Z') }; // Wed
    expect(slotCells(slot, northamptonshire)).toEqual([slot]);
  });

  it('gives a longer slot as the grid cells it covers, in order', () => {
    const grid = slotGrid('2026-06-03' /* Wed, BST */, northamptonshire);
    const longer = { start: grid[2]!.start, end: grid[3]!.end }; // 10:30-11:00 BST
    expect(slotCells(longer, northamptonshire)).toEqual([grid[2], grid[3]]);
  });

  it('rejects a slot that is not whole cells', () => {
    expect(() => slotCells({ start: at('2026-11-25T10:00:00Z'), end: at('2026-11-25T10:20:00Z') }, northamptonshire)).toThrow(RangeError);
    expect(() => slotCells({ start: at('2026-11-25T10:00:00Z'), end: at('2026-11-25T10:00:00Z') }, northamptonshire)).toThrow(RangeError);
  });
});
