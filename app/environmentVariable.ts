import { z } from 'zod';

/**
 * How one environment variable is read with zod: its text (trimmed; an empty one is unset, see
 * `config.ts`), a default, and a problem said after the variable's name, so every configuration
 * error is one line naming the variable: `config: PORT must be a whole number ...`.
 */

/**
 * How an issue reads after `config: VARIABLE `: an issue of our own at the variable itself (a
 * `custom` one, from `refuse` or a refinement) is the problem in full ("must be ...", "has ...");
 * zod's own checks and anything inside a variable's value (a field of the rota file or of
 * ESCALATION_CONTACTS) read "is invalid (field x): <what zod said>".
 */
export function describe(issue: z.core.$ZodIssue): string {
  const [variable, ...field] = issue.path;
  if (issue.code === 'custom' && field.length === 0) return `config: ${String(variable)} ${issue.message}`;
  return `config: ${String(variable)} is invalid${field.length ? ` (field ${field.join('.')})` : ''}: ${issue.message}`;
}

/** Says the variable's problem (in full, after its name) and gives no value. */
export function refuse(ctx: z.RefinementCtx, problem: string, path?: string[]): never {
  ctx.addIssue({ code: 'custom', message: problem, ...(path ? { path } : {}) });
  return z.NEVER;
}

/** A value read by `read`, or refused with `problem` (said after the variable's name). */
export function readAs<T>(read: (text: string) => T | undefined, problem: (text: string) => string) {
  return z.string().transform((text, ctx): T => read(text) ?? refuse(ctx, problem(text)));
}

/** Text that must parse as JSON, then match `schema` (its issues name the field inside). */
export function json<T>(schema: z.ZodType<T>, notJson: string) {
  return z
    .string()
    .transform((text, ctx): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        return refuse(ctx, notJson);
      }
    })
    .pipe(schema);
}

/** One of `values`, or refused naming them and the value given. */
export function oneOf<const T extends string>(values: readonly T[], problem: (text: string) => string) {
  return readAs((text) => values.find((v) => v === text), problem);
}

/** `true|1|yes` or `false|0|no`, any case. */
export const boolean = readAs(
  (text) => (/^(true|1|yes)$/i.test(text) ? true : /^(false|0|no)$/i.test(text) ? false : undefined),
  (text) => `must be true or false, not "${text}"`,
);

/** A whole number from `min` to `max`. */
export function wholeNumber(min: number, max: number) {
  return readAs(
    (text) => (/^\d+$/.test(text) && Number(text) >= min && Number(text) <= max ? Number(text) : undefined),
    (text) => `must be a whole number from ${min} to ${max}, not "${text}"`,
  );
}

/** An email address, as zod checks one. */
export const email = z.email();

/** Its text, or `text` when unset (the default the example environment file shows), read by `schema`. */
export function orElse<T>(text: string, schema: z.ZodType<T, string>) {
  return z.string().default(text).pipe(schema);
}

/** A variable that must be set once another one is (the problem says which). */
export function required(problem: string) {
  return z
    .string()
    .optional()
    .transform((text, ctx) => text ?? refuse(ctx, problem));
}

/** The URL of a Microsoft service: https only; trailing slashes dropped. */
export const httpsUrl = z
  .url()
  .regex(/^https:\/\//, 'must be an https:// URL')
  .transform((url) => url.replace(/\/+$/, ''));
