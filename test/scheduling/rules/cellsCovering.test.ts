import { describe, expect, it } from 'vitest';
import { cellsCovering } from '../../../scheduling/rules/cellsCovering.js';
import { at, northamptonshire } from './northamptonshire.js';

const starts = (cells: { start: Date }[]) => cells.map((c) => c.start.toISOString());

describe('cellsCovering', () => {
  it('gives the cells of a slot on the grid', () => {
    expect(starts(cellsCovering({ start: at('2026-11-25T10:15:00Z'), end: at('2026-11-25T10:45:00Z') }, northamptonshire))).toEqual(['2026-11-25T10:15:00.000Z', '2026-11-25T10:30:00.000Z']);
  });

  it('gives every cell an event off the grid touches', () => {
    expect(starts(cellsCovering({ start: at('2026-11-25T10:05:00Z'), end: at('2026-11-25T10:20:00Z') }, northamptonshire))).toEqual(['2026-11-25T10:00:00.000Z', '2026-11-25T10:15:00.000Z']);
  });

  it('gives no cell outside the conference window', () => {
    expect(cellsCovering({ start: at('2026-11-25T14:00:00Z'), end: at('2026-11-25T14:15:00Z') }, northamptonshire)).toEqual([]);
  });

  it('follows UK time in summer: 10:00 BST is 09:00 UTC', () => {
    expect(starts(cellsCovering({ start: at('2026-07-01T10:00:00+01:00'), end: at('2026-07-01T10:15:00+01:00') }, northamptonshire))).toEqual(['2026-07-01T09:00:00.000Z']);
  });
});
