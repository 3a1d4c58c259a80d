import { z } from 'zod';
import { formatUkDateTimeInWords } from './formatUkDateTime.js';
import type { DiscussionRequest } from '../model/DiscussionRequest.js';
import { urgentCriterionIds } from '../model/UrgentCriterion.js';
import { listed, quoting, storable, textOf, typed } from './cardText.js';
import { parseInstant } from './londonTime.js';

/** The request's input fields: the request card's input ids, which the CLI's flags mirror. */
export const requestFields = [
  'nNumbers',
  'childSurnames',
  'managerName',
  'managerRole',
  'managerPhone',
  'managerEmail',
  'referredAt',
  'referredDate',
  'referredTime',
  'urgent',
  'longerSlot',
  'reason',
  'invitees',
] as const;
export type RequestField = (typeof requestFields)[number];

/** Raw input as a card or the CLI gives it: strings (or string lists), nothing trusted. */
export type RawRequest = Partial<Record<RequestField, unknown>>;

export type FieldErrors = Partial<Record<RequestField, string>>;

export type ParsedRequest = { ok: true; value: DiscussionRequest } | { ok: false; errors: FieldErrors };

/** What the schema reads: the raw fields and `now`, the moment the request is made. */
export type RequestInput = RawRequest & { readonly now: Date };

export interface RequestRules {
  /** The N-number pattern of this area (config `N_NUMBER_PATTERN`). */
  readonly nNumberPattern: RegExp;
  /** Now, for "the referral time is not in the future". */
  readonly now: Date;
}

const NAME = /^[\p{L}][\p{L}\p{M} .'\u2019-]*$/u;
const SURNAMES = /^[\p{L}][\p{L}\p{M} .,&'\u2019-]*$/u;
const PHONE = /^\+?[0-9][0-9 ()-]{5,19}(\s*(ext|extn|x)\.?\s*[0-9]{1,6})?$/i;
const EMAIL = /^[^\s@<>(),;:"[\]]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const LIST = /[\s,;]+/;
const MAX_N_NUMBERS = 12;
const MAX_INVITEES = 25;

const email = z.string().regex(EMAIL, { error: quoting(60, 'is not an email address.') });

const surnamesRule = 'Use letters, spaces, hyphens, apostrophes and commas only (at most 100 characters).';
const childSurnames = typed(z.string({ error: "Enter the children's surname(s)." }).max(100, surnamesRule).regex(SURNAMES, surnamesRule));

const nameRule = 'Use letters, spaces, dots, hyphens and apostrophes only (2 to 100 characters).';
const managerName = typed(z.string({ error: 'Enter your name.' }).min(2, nameRule).max(100, nameRule).regex(NAME, nameRule));

const managerRole = typed(z.enum(['TM', 'PM'], { error: 'Choose Team Manager (TM) or Practice Manager (PM).' }));

const phoneRule = 'Enter a phone number such as 01604 123456 (digits, spaces, + and ext only).';
const managerPhone = typed(
  z
    .string({ error: 'Enter a phone number the police can call you on.' })
    .regex(PHONE, phoneRule)
    .refine((phone) => phone.replace(/\D/g, '').length >= 6, phoneRule),
);

/** From the manager's Teams profile (or the CLI): may be missing, never wrong. */
const managerEmail = typed(email.optional());

/** Urgent criteria ids from the multi-select; none means the rota route. */
const urgent = listed(
  LIST,
  z.array(z.enum(urgentCriterionIds, { error: quoting(40, `is not an urgent criterion (use one of: ${urgentCriterionIds.join(', ')}).`) }), {
    error: 'Choose urgent criteria from the list.',
  }),
);

/** A toggle's value: true or false, as a boolean or as the card's text; unset is false. */
const longerSlot = z.preprocess(
  (value) => value ?? false,
  z.literal([true, 'true', false, 'false', ''], { error: 'Longer slot must be true or false.' }).transform((value) => value === true || value === 'true'),
);

/** Free text, optional: unset or empty is no reason; a list or an object is not text. */
const reason = z.preprocess(
  (value) => (value === undefined ? '' : textOf(value)),
  z
    .string({ error: 'Reason must be text.' })
    .max(2000, 'Keep the reason under 2,000 characters.')
    .transform((text) => text || undefined),
);

/** Email addresses, one box, separated by ; or , (or spaces): lower-cased, each once. */
const invitees = listed(
  /[;,\s]+/,
  z
    .array(z.string(), { error: 'Invitees must be email addresses separated by ; or ,.' })
    .max(MAX_INVITEES, `At most ${MAX_INVITEES} invitees.`)
    .pipe(z.array(email))
    .transform((addresses) => [...new Set(addresses.map((a) => a.toLowerCase()))]),
);

/** One or more N numbers (the area's pattern), each once, in one box or as a list. */
function nNumbers(pattern: RegExp) {
  const none = 'Enter at least one N number.';
  return listed(
    LIST,
    z
      .array(z.string(), { error: none })
      .min(1, none)
      .max(MAX_N_NUMBERS, `At most ${MAX_N_NUMBERS} N numbers in one request.`)
      .pipe(z.array(z.string().regex(pattern, { error: quoting(20, 'is not an N number (expected a value like N146782).') })))
      .refine((list) => new Set(list).size === list.length, 'An N number is listed twice.'),
  );
}

/** Refuses with `message`, at `field` of the object being parsed (or, without one, at the value). */
function refuse(ctx: z.RefinementCtx, message: string, field?: RequestField): never {
  ctx.addIssue({ code: 'custom', message, ...(field ? { path: [field] } : {}) });
  return z.NEVER;
}

/** The referral time, unless it is later than `now`: then refused at `field`. */
function notInTheFuture(ctx: z.RefinementCtx, field: RequestField, referredAt: Date, now: Date) {
  return referredAt.getTime() > now.getTime() ? refuse(ctx, `The referral time is in the future: it is ${formatUkDateTimeInWords(now)} now (UK time).`, field) : { referredAt };
}

/**
 * The referral time. `referredAt` (ISO 8601; without an offset it is UK local time), when given,
 * wins over `referredDate` + `referredTime` (UK local, as the card sends them).
 */
const referralTime = z.preprocess(
  (input) => ({ ...(input as RequestInput), given: textOf((input as RequestInput).referredAt) ? 'instant' : 'dateAndTime' }),
  z.discriminatedUnion('given', [
    z
      .object({
        given: z.literal('instant'),
        now: z.date(),
        referredAt: typed(z.string().transform((text, ctx) => parseInstant(text) ?? refuse(ctx, 'Enter the referral time as an ISO 8601 date and time, e.g. 2026-11-23T14:05.'))),
      })
      .transform(({ referredAt, now }, ctx) => notInTheFuture(ctx, 'referredAt', referredAt, now)),
    z
      .object({
        given: z.literal('dateAndTime'),
        now: z.date(),
        referredDate: typed(z.string({ error: 'Enter the date the referral was received.' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD.')),
        referredTime: typed(z.string({ error: 'Enter the time the referral was received.' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time as HH:mm (24-hour).')),
      })
      .transform(({ referredDate, referredTime, now }, ctx) => {
        const referredAt = parseInstant(`${referredDate}T${referredTime}`);
        return referredAt ? notInTheFuture(ctx, 'referredTime', referredAt, now) : refuse(ctx, `${referredDate} is not a real date.`, 'referredDate');
      }),
  ]),
);

/**
 * No field (read or not) holds a character that cannot be stored or seen. Its issues come first,
 * so this is a field's message over any other: no other change to the text would help.
 */
const storableFields = z.object(Object.fromEntries(requestFields.map((field) => [field, storable]))).transform(() => ({}));

/** The fields the schema reads, each present (an unset one as `undefined`), and `now`. */
function fieldsAndNow(raw: unknown): RequestInput {
  const input = typeof raw === 'object' && raw !== null ? (raw as RequestInput) : ({} as RequestInput);
  return { ...Object.fromEntries(requestFields.map((field) => [field, input[field]])), now: input.now };
}

function buildSchema(nNumberPattern: RegExp): z.ZodType<DiscussionRequest> {
  const fields = z.object({ nNumbers: nNumbers(nNumberPattern), childSurnames, managerName, managerRole, managerPhone, managerEmail, urgent, longerSlot, reason, invitees });
  // The three parts give disjoint keys (the referral time gives only `referredAt`), so zod can
  // merge what they give, and each part's issues are reported even when another part fails.
  return z.preprocess(fieldsAndNow, storableFields.and(fields).and(referralTime)).transform((r) => ({
    nNumbers: r.nNumbers,
    childSurnames: r.childSurnames,
    managerName: r.managerName,
    managerRole: r.managerRole,
    managerPhone: r.managerPhone,
    ...(r.managerEmail ? { managerEmail: r.managerEmail } : {}),
    referredAt: r.referredAt,
    urgent: r.urgent,
    longerSlot: r.longerSlot,
    ...(r.reason ? { reason: r.reason } : {}),
    invitees: r.invitees,
  }));
}

/** Built once per area's N-number pattern: building a zod schema costs far more than using it. */
const schemas = new WeakMap<RegExp, z.ZodType<DiscussionRequest>>();

/**
 * The schema of a strategy discussion request for an area (its N-number pattern): the card's (or
 * the CLI's) raw fields and `now` in, a `DiscussionRequest` out. Every field is checked, not only
 * up to the first bad one; a field's first issue is its message. A field holding a character
 * that cannot be stored or seen (NUL, another control character but tab and line breaks, a
 * broken surrogate pair) is refused for that alone.
 * Rule: issue "Booking service" validation list; urgent ids from DOMAIN.md.
 */
export function discussionRequestSchema(nNumberPattern: RegExp): z.ZodType<DiscussionRequest> {
  let schema = schemas.get(nNumberPattern);
  if (!schema) schemas.set(nNumberPattern, (schema = buildSchema(nNumberPattern)));
  return schema;
}

/**
 * Validates a strategy discussion request and turns it into domain values, naming each bad field
 * (see `discussionRequestSchema`).
 * @example
 * parseDiscussionRequest({ nNumbers: 'N12', ... }, rules)
 * //=> { ok: false, errors: { nNumbers: '"N12" is not an N number (expected a value like N146782).' } }
 */
export function parseDiscussionRequest(raw: RawRequest, rules: RequestRules): ParsedRequest {
  const parsed = discussionRequestSchema(rules.nNumberPattern).safeParse({ ...raw, now: rules.now });
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FieldErrors = {};
  for (const field of requestFields) {
    const first = parsed.error.issues.find((issue) => issue.path[0] === field);
    if (first) errors[field] = first.message;
  }
  if (Object.keys(errors).length === 0) throw new Error(`parseDiscussionRequest: no field to blame for ${parsed.error.issues[0]?.message} (is rules.now a valid date?)`);
  return { ok: false, errors };
}
