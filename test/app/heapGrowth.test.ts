import { describe, expect, it } from 'vitest';
import { heapGrowingPercent, keepHeapGrowthSmall } from '../../app/heapGrowth.js';

describe('keepHeapGrowthSmall (npm start sets how far the heap grows between full collections)', () => {
  it('sets V8\'s heap growing percent when the command line has none', () => {
    const set: string[] = [];
    expect(keepHeapGrowthSmall(['--enable-source-maps'], (flags) => set.push(flags))).toBe(`--heap-growing-percent=${heapGrowingPercent}`);
    expect(set).toEqual(['--heap-growing-percent=75']);
  });

  it.each([['--heap-growing-percent=100'], ['--heap_growing_percent=20']])('keeps an administrator\'s %s', (given) => {
    const set: string[] = [];
    expect(keepHeapGrowthSmall(['--max-old-space-size=512', given], (flags) => set.push(flags))).toBeUndefined();
    expect(set).toEqual([]);
  });
});
