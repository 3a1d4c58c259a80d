import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the JavaScript heap grow past what survived the last full collection before it
 * collects again, in percent. V8 allows up to 300 % on a machine with many gigabytes: under a burst
 * of turns the bot then held about 200 MB of garbage (its live heap stays near 65 MB), which put
 * its peak resident memory at twice a bare botbuilder bot's. At 75 % the peak stayed 130-150 MB
 * lower for 2-6 % fewer turns a second (50 %: a little lower still, for about 8 % fewer turns;
 * `npm run bench`, README "Lean and fast").
 */
export const heapGrowingPercent = 75;

/**
 * Sets `heapGrowingPercent` unless node was started with its own `--heap-growing-percent` (an
 * administrator's choice is kept). V8 reads the setting at every full collection, so setting it
 * as the bot starts is in time.
 * @returns the flag set, or undefined when the command line had one.
 * @example
 * keepHeapGrowthSmall(['--heap-growing-percent=100']) //=> undefined
 * keepHeapGrowthSmall([]) //=> '--heap-growing-percent=50'
 */
export function keepHeapGrowthSmall(execArgv: readonly string[], setFlags: (flags: string) => void = setFlagsFromString): string | undefined {
  if (execArgv.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg))) return undefined;
  const flag = `--heap-growing-percent=${heapGrowingPercent}`;
  setFlags(flag);
  return flag;
}
