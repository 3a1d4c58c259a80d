import type { DiscussionRequest } from '../model/DiscussionRequest.js';
import { parseInstant } from './londonTime.js';
import { urgentCriterionIds, type UrgentCriterion } from '../model/UrgentCriterion.js';

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
/**
 * Characters a field may not hold: NUL (PostgreSQL refuses it), the other C0 controls but tab, line
 * feed and carriage return, DEL, and half of a UTF-16 surrogate pair (it cannot be written as
 * UTF-8, so it would be stored as something else). None of them can be seen on a card.
 */
const UNSTORABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_MESSAGE = 'This has a hidden control character or a broken symbol in it: please type it again.';
const MAX_N_NUMBERS = 12;
const MAX_INVITEES = 25;

function hasUnstorable(value: unknown): boolean {
  if (typeof value === 'string') return UNSTORABLE.test(value);
  return Array.isArray(value) && value.some((v) => typeof v === 'string' && UNSTORABLE.test(v));
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function list(value: unknown, separators: RegExp): string[] | undefined {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? value.map((v: string) => v.trim()).filter(Boolean) : undefined;
  const t = text(value);
  return t === undefined ? [] : t.split(separators).map((s) => s.trim()).filter(Boolean);
}

/**
 * Validates a strategy discussion request and turns it into domain values, naming each bad field.
 * The referral time is `referredAt` (ISO 8601; without an offset it is UK local time) or
 * `referredDate` + `referredTime` (UK local, as the card sends them).
 * A field holding a character that cannot be stored or seen (NUL, another control character but
 * tab and line breaks, a broken surrogate pair) is an error at that field.
 * Rule: issue "Booking service" validation list; urgent ids from DOMAIN.md.
 * @example
 * parseDiscussionRequest({ nNumbers: 'N12', ... }, rules)
 * //=> { ok: false, errors: { nNumbers: '"N12" is not an N number (expected a value like N146782)' } }
 */
export function parseDiscussionRequest(raw: RawRequest, rules: RequestRules): ParsedRequest {
  const errors: FieldErrors = {};

  const nNumbers = list(raw.nNumbers, /[\s,;]+/);
  if (!nNumbers || nNumbers.length === 0) errors.nNumbers = 'Enter at least one N number.';
  else if (nNumbers.length > MAX_N_NUMBERS) errors.nNumbers = `At most ${MAX_N_NUMBERS} N numbers in one request.`;
  else {
    const bad = nNumbers.find((n) => !rules.nNumberPattern.test(n));
    if (bad !== undefined) errors.nNumbers = `"${bad.slice(0, 20)}" is not an N number (expected a value like N146782).`;
    else if (new Set(nNumbers).size !== nNumbers.length) errors.nNumbers = 'An N number is listed twice.';
  }

  const childSurnames = text(raw.childSurnames);
  if (!childSurnames) errors.childSurnames = "Enter the children's surname(s).";
  else if (childSurnames.length > 100 || !SURNAMES.test(childSurnames)) errors.childSurnames = 'Use letters, spaces, hyphens, apostrophes and commas only (at most 100 characters).';

  const managerName = text(raw.managerName);
  if (!managerName) errors.managerName = 'Enter your name.';
  else if (managerName.length < 2 || managerName.length > 100 || !NAME.test(managerName)) errors.managerName = 'Use letters, spaces, dots, hyphens and apostrophes only (2 to 100 characters).';

  const managerRole = text(raw.managerRole);
  if (managerRole !== 'TM' && managerRole !== 'PM') errors.managerRole = 'Choose Team Manager (TM) or Practice Manager (PM).';

  const managerPhone = text(raw.managerPhone);
  if (!managerPhone) errors.managerPhone = 'Enter a phone number the police can call you on.';
  else if (!PHONE.test(managerPhone) || managerPhone.replace(/\D/g, '').length < 6) errors.managerPhone = 'Enter a phone number such as 01604 123456 (digits, spaces, + and ext only).';

  const managerEmail = text(raw.managerEmail);
  if (managerEmail && !EMAIL.test(managerEmail)) errors.managerEmail = `"${managerEmail.slice(0, 60)}" is not an email address.`;

  let referredAt: Date | undefined;
  const at = text(raw.referredAt);
  if (at) {
    referredAt = parseInstant(at);
    if (!referredAt) errors.referredAt = 'Enter the referral time as an ISO 8601 date and time, e.g. 2026-11-23T14:05.';
  } else {
    const date = text(raw.referredDate);
    const time = text(raw.referredTime);
    if (!date) errors.referredDate = 'Enter the date the referral was received.';
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors.referredDate = 'Enter the date as YYYY-MM-DD.';
    if (!time) errors.referredTime = 'Enter the time the referral was received.';
    else if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) errors.referredTime = 'Enter the time as HH:mm (24-hour).';
    if (!errors.referredDate && !errors.referredTime && date && time) {
      referredAt = parseInstant(`${date}T${time}`);
      if (!referredAt) errors.referredDate = `${date} is not a real date.`;
    }
  }
  if (referredAt && referredAt.getTime() > rules.now.getTime()) {
    errors[at ? 'referredAt' : 'referredDate'] = 'The referral time is in the future.';
  }

  const urgent = list(raw.urgent, /[\s,;]+/);
  if (!urgent) errors.urgent = 'Choose urgent criteria from the list.';
  else {
    const unknown = urgent.find((id) => !(urgentCriterionIds as readonly string[]).includes(id));
    if (unknown !== undefined) errors.urgent = `"${unknown.slice(0, 40)}" is not an urgent criterion (use one of: ${urgentCriterionIds.join(', ')}).`;
  }

  let longerSlot = false;
  const longer = raw.longerSlot;
  if (longer === true || longer === 'true') longerSlot = true;
  else if (!(longer === undefined || longer === null || longer === false || longer === 'false' || longer === '')) errors.longerSlot = 'Longer slot must be true or false.';

  const reason = text(raw.reason);
  if (raw.reason !== undefined && reason === undefined) errors.reason = 'Reason must be text.';
  else if (reason && reason.length > 2000) errors.reason = 'Keep the reason under 2,000 characters.';

  const invitees = list(raw.invitees, /[;,\s]+/);
  if (!invitees) errors.invitees = 'Invitees must be email addresses separated by ; or ,.';
  else if (invitees.length > MAX_INVITEES) errors.invitees = `At most ${MAX_INVITEES} invitees.`;
  else {
    const bad = invitees.find((a) => !EMAIL.test(a));
    if (bad !== undefined) errors.invitees = `"${bad.slice(0, 60)}" is not an email address.`;
  }

  // Said last, over any other problem of the field: no other change to the text would help.
  for (const field of requestFields) if (hasUnstorable(raw[field])) errors[field] = UNSTORABLE_MESSAGE;

  if (Object.keys(errors).length > 0 || !nNumbers || !referredAt || !urgent || !invitees) return { ok: false, errors };
  return {
    ok: true,
    value: {
      nNumbers,
      childSurnames: childSurnames!,
      managerName: managerName!,
      managerRole: managerRole as 'TM' | 'PM',
      managerPhone: managerPhone!,
      ...(managerEmail ? { managerEmail } : {}),
      referredAt,
      urgent: urgent as UrgentCriterion[],
      longerSlot,
      ...(reason ? { reason } : {}),
      invitees: [...new Set(invitees.map((a) => a.toLowerCase()))],
    },
  };
}
