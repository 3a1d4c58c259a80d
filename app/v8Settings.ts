import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings the bot and the command line start with (README "Lean and fast", measured with
 * `npm run bench`). A setting given on node's own command line, or its `--no-` form, is kept.
 *
 * - `heap-growing-percent`: how far the JavaScript heap may grow past what survived the last full
 *   collection before the next one. V8 allows up to 300 % on a machine with many gigabytes: under
 *   a burst of turns the bot then held about 200 MB of garbage (its live heap stays near 65 MB),
 *   twice a bare botbuilder bot's peak. At 75 % the peak stayed 130-150 MB lower for 2-6 % fewer
 *   turns a second (50 %: a little lower still, for about 8 % fewer). V8 reads it at every full
 *   collection.
 * - `liftoff-only`: the embedded store's WebAssembly (PostgreSQL, 9 MB) runs as V8's baseline
 *   compiler makes it. Otherwise V8 recompiled the functions PostgreSQL's start-up made hot with its
 *   optimising compiler: about 0.9 CPU-s and 80 MB of resident memory at every start, while the
 *   small queries a desk runs got no faster (200 right after opening: 51-67 ms with this setting,
 *   177-185 ms without, the optimising compiles competing with them). Read when the module is
 *   compiled, which is when the store opens, after this runs.
 */
export const v8Settings: Readonly<Record<string, string | true>> = { 'heap-growing-percent': '75', 'liftoff-only': true };

/**
 * Sets each of `v8Settings` that node's own command line does not set (or unset).
 * @returns the flags set.
 * @example
 * applyV8Settings(['--heap-growing-percent=100']) //=> ['--liftoff-only']
 * applyV8Settings(['--no-liftoff-only']) //=> ['--heap-growing-percent=75']
 */
export function applyV8Settings(execArgv: readonly string[], setFlags: (flags: string) => void = setFlagsFromString): string[] {
  const given = (name: string) => {
    const spelled = name.replace(/[-_]/g, '[-_]');
    return execArgv.some((arg) => new RegExp(`^--(no[-_])?${spelled}(=|$)`).test(arg));
  };
  const set: string[] = [];
  for (const [name, value] of Object.entries(v8Settings)) {
    if (given(name)) continue;
    const flag = value === true ? `--${name}` : `--${name}=${value}`;
    setFlags(flag);
    set.push(flag);
  }
  return set;
}
