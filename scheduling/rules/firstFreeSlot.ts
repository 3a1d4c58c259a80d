import { overlaps } from './Interval.js';
import type { Interval, Slot } from '../model/Interval.js';

/**
 * The earliest slot of `cells` consecutive diary cells (each ending where the next starts) that
 * overlaps no busy interval and has not started by `notBefore` (starting exactly at it is fine).
 * Busy intervals may be anything: a hand-made event at 10:05-10:20 takes both the 10:00 and the
 * 10:15 cell.
 * Rule: DOMAIN.md "Strategy discussion on the rota" (earliest free slot; a longer slot is two
 * consecutive cells; never a slot that has already started; hand-made events are taken).
 * @param grid the day's cells, as `slotGrid` gives them.
 * @returns the slot (first cell's start to last cell's end), or undefined when the day has no room.
 * @example
 * firstFreeSlot(slotGrid('2026-11-25', northamptonshire), [tenToTenFifteen], 1, monday)
 * //=> { start: 2026-11-25T10:15:00.000Z, end: 2026-11-25T10:30:00.000Z }
 */
export function firstFreeSlot(grid: readonly Slot[], busy: readonly Interval[], cells: number, notBefore: Date): Slot | undefined {
  if (!Number.isInteger(cells) || cells < 1) throw new RangeError(`a slot is a whole number of cells, at least one: ${cells}`);
  const inOrder = [...grid].sort((a, b) => a.start.getTime() - b.start.getTime());
  const free = (cell: Slot) => !busy.some((b) => overlaps(cell, b));
  for (let i = 0; i + cells <= inOrder.length; i++) {
    const run = inOrder.slice(i, i + cells);
    const first = run[0]!;
    const last = run[run.length - 1]!;
    const adjacent = run.every((cell, k) => k === 0 || cell.start.getTime() === run[k - 1]!.end.getTime());
    if (first.start.getTime() >= notBefore.getTime() && adjacent && run.every(free)) return { start: first.start, end: last.end };
  }
  return undefined;
}
