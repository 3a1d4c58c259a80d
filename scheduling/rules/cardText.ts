import { z } from 'zod';

/**
 * What a card or the CLI sends, before it is trusted: text, a number or a boolean in a text box,
 * a list typed into one box or sent as a list (a multi-select), and characters no one can see.
 */

/**
 * Characters a field may not hold: NUL (PostgreSQL refuses it), the other C0 controls but tab, line
 * feed and carriage return, DEL, and half of a UTF-16 surrogate pair (it cannot be written as
 * UTF-8, so it would be stored as something else). None of them can be seen on a card.
 */
const UNSTORABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_MESSAGE = 'This has a hidden control character or a broken symbol in it: please type it again.';

function hasUnstorable(value: unknown): boolean {
  if (typeof value === 'string') return UNSTORABLE.test(value);
  return Array.isArray(value) && value.some((v) => typeof v === 'string' && UNSTORABLE.test(v));
}

/**
 * A field's value (a text or a list of texts) with no character that cannot be stored or seen.
 * The issue aborts: its value is not the field's meaning, so nothing may be built from it (zod
 * would otherwise try to merge it with the field's parsed value in an intersection).
 */
export const storable = z.unknown().refine((value) => !hasUnstorable(value), { error: UNSTORABLE_MESSAGE, abort: true });

/**
 * The text of a box: a string trimmed, a number or a boolean as its text; anything else is no text.
 * @example textOf('  Bond ') //=> 'Bond'
 */
export function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * The items of a list typed into one box (split at `separators`) or sent as a list of strings,
 * trimmed, empty ones dropped; `undefined` for a list holding anything but strings.
 * @example listOf('N146782, N146783', /[\s,;]+/) //=> ['N146782', 'N146783']
 */
export function listOf(value: unknown, separators: RegExp): string[] | undefined {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? value.map((v: string) => v.trim()).filter(Boolean) : undefined;
  const t = textOf(value);
  return t === undefined ? [] : t.split(separators).map((s) => s.trim()).filter(Boolean);
}

/** A box that must be filled: its text, with an empty box as missing (`undefined`), to `schema`. */
export function typed<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => textOf(value) || undefined, schema);
}

/** A list (see `listOf`) to `schema`; a list holding anything but strings is `undefined`. */
export function listed<T extends z.ZodType>(separators: RegExp, schema: T) {
  return z.preprocess((value) => listOf(value, separators), schema);
}

/**
 * A message quoting the value that was refused, cut to `max` characters, for a zod `error`.
 * @example quoting(20, 'is not an N number.') // for "Bond": '"Bond" is not an N number.'
 */
export function quoting(max: number, rest: string) {
  return (issue: { input?: unknown }) => `"${String(issue.input).slice(0, max)}" ${rest}`;
}
