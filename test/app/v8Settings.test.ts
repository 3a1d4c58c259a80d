import { describe, expect, it } from 'vitest';
import { applyV8Settings } from '../../app/v8Settings.js';

describe('applyV8Settings (what npm start and the command line set in V8 as they start)', () => {
  it('sets the heap\'s growth and baseline-only WebAssembly when the command line has neither', () => {
    const set: string[] = [];
    expect(applyV8Settings(['--enable-source-maps'], (flags) => set.push(flags))).toEqual(['--heap-growing-percent=75', '--liftoff-only']);
    expect(set).toEqual(['--heap-growing-percent=75', '--liftoff-only']);
  });

  it.each([
    [['--heap-growing-percent=100'], ['--liftoff-only']],
    [['--heap_growing_percent=20', '--no-liftoff-only'], []],
    [['--liftoff_only'], ['--heap-growing-percent=75']],
    [['--liftoff-only-not-a-flag'], ['--heap-growing-percent=75', '--liftoff-only']],
  ])('keeps what an administrator gave node: %j', (execArgv, expected) => {
    const set: string[] = [];
    expect(applyV8Settings(execArgv, (flags) => set.push(flags))).toEqual(expected);
    expect(set).toEqual(expected);
  });
});
