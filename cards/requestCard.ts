import { requestFields, type FieldErrors, type RequestField } from '../scheduling/rules/discussionRequest.js';
import { urgentCriteria } from '../scheduling/model/UrgentCriterion.js';
import { expandCard, type AdaptiveCard } from './AdaptiveCard.js';
import type { Audience } from './Audience.js';
import { surnamesOnCard } from './surnamesOnCard.js';
import { inertText, typedText } from './inertText.js';
import template from './requestCard.json' with { type: 'json' };
import { verbs } from './verbs.js';

/** The request fields the card has no input for: the email comes from the Teams profile, the
 * instant from date + time. */
const notOnCard = ['managerEmail', 'referredAt'] as const;
export type RequestCardField = Exclude<RequestField, (typeof notOnCard)[number]>;

/**
 * The request card's input ids. They are an API (tests, the playground test and other clients
 * fill them): keep them exactly. `RequestIntake` reads the same names.
 */
export const requestCardFields = requestFields.filter((f): f is RequestCardField => !(notOnCard as readonly string[]).includes(f));

/** What the card shows in its inputs: exactly what was typed (or prefilled), as text. */
export type RequestCardValues = Partial<Record<RequestCardField, string>>;

export interface RequestCardInput {
  /** Identifies this card instance; a resubmit of the same card reuses it (idempotency key). */
  readonly requestKey: string;
  readonly values: RequestCardValues;
  /** Problems to show at each field (from `InvalidRequestError.fields`). */
  readonly errors?: FieldErrors;
  /**
   * Who sees the card. A card with typed values shown to several people (`shared`: a group chat
   * or channel, where the Action.Submit fallback posts it as a new message) never carries the
   * children's surnames: that input comes back empty, asking for it again.
   */
  readonly audience: Audience;
}

/** Said at the surname input when a shared card cannot show back what was typed there. */
export const surnameAgain = 'Type the surname(s) again: they are not shown back in a shared chat. Or make the request in your personal chat with Strategy Desk.';

/** Said at any other input whose typed value named the children, when a shared card cannot show it back. */
export const namedAgain = "Type this again without the children's name: it is not shown back in a shared chat.";

const onCard = new Set<string>(requestCardFields);

/** How the error summary names each field (short forms of the card's labels). */
const fieldNames: Record<RequestCardField, string> = {
  nNumbers: 'N number(s)',
  childSurnames: "Children's surname(s)",
  managerName: 'Your name',
  managerRole: 'Your role',
  managerPhone: 'Phone number',
  referredDate: 'Referral date',
  referredTime: 'Referral time',
  urgent: 'Urgent',
  longerSlot: 'Slot length',
  reason: 'Reason',
  invitees: 'Also invite',
};

/** The inputs folded under More options unless one of them holds something or a problem. */
const optionalFields: readonly RequestCardField[] = ['longerSlot', 'reason', 'invitees'];

/** Where an error is shown: at its field, or (for a field the card has no input for) at the top. */
function placeErrors(errors: FieldErrors): { atField: Partial<Record<RequestCardField, string>>; general: string[] } {
  const atField: Partial<Record<RequestCardField, string>> = {};
  const general: string[] = [];
  for (const [field, message] of Object.entries(errors)) {
    if (message === undefined) continue;
    // The card sends date and time; an error about the combined instant belongs at the time.
    const at = field === 'referredAt' ? 'referredTime' : field;
    if (onCard.has(at)) atField[at as RequestCardField] = inertText(message);
    else general.push(inertText(field === 'managerEmail' ? `Your Teams email address: ${message}` : message));
  }
  return { atField, general };
}

/**
 * The request card (Adaptive Card 1.5, `Action.Execute` verb `strategy.request`), prefilled or
 * showing what was typed, with each problem under its field. In a shared conversation the typed
 * surnames are left out (DOMAIN.md "Privacy and safety rules of the domain").
 * Rule: issue 3 "The request card"; urgent ids from DOMAIN.md.
 * @example
 * requestCard({ requestKey: 'k1', values: { managerName: 'A. Jones' }, audience: 'personal' }).actions[0].verb //=> 'strategy.request'
 */
export function requestCard(input: RequestCardInput): AdaptiveCard {
  const surnames = input.values.childSurnames ?? '';
  const withheld = input.audience === 'shared' && surnames !== '';
  // In a shared chat nothing typed that names the children is shown back: the surname input, and
  // any other input where the surname was typed too (a reason that names the family).
  // (A validation message that quotes what was typed counts as showing it back.)
  const names = (text: string | undefined) => surnamesOnCard(text ?? '', surnames).length > 0;
  const naming = withheld ? requestFields.filter((f) => f !== 'childSurnames' && (names(input.values[f as keyof RequestCardValues]) || names(input.errors?.[f]))) : [];
  const shown: RequestCardValues = withheld ? { ...input.values, childSurnames: '', ...Object.fromEntries(naming.map((f) => [f, ''])) } : input.values;
  const errors: FieldErrors = withheld
    ? { ...input.errors, ...Object.fromEntries(naming.map((f) => [f, namedAgain])), childSurnames: surnameAgain }
    : (input.errors ?? {});
  const values = Object.fromEntries(requestCardFields.map((field) => [field, inertText(shown[field] ?? '')]));
  const { atField, general } = placeErrors(errors);
  // Every problem at once, at the top too: the form is long and a phone screen shows a part.
  const summary = [...requestCardFields.filter((f) => atField[f]).map((f) => `${fieldNames[f]}: ${atField[f]}`), ...general];
  const holds = (f: RequestCardField) => (f === 'longerSlot' ? shown[f] === 'true' : (shown[f] ?? '').trim() !== '');
  const optionalShown = optionalFields.some((f) => atField[f] !== undefined || holds(f));
  return expandCard(template, {
    summary,
    summaryTitle: summary.length === 1 ? 'Please correct 1 thing before sending:' : `Please correct ${summary.length} things before sending:`,
    showMore: optionalShown,
    verb: verbs.requestDiscussion,
    requestKey: input.requestKey,
    values,
    errors: atField,
    generalErrors: general,
    urgentChoices: urgentCriteria.map((c) => ({ title: c.label, value: c.id })),
  });
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return typedText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // A multi-select may arrive as a list from other clients; the card itself sends "a,b".
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.map(typedText).join(',');
  return undefined;
}

/**
 * The request card's inputs from an `Action.Execute` (or `Action.Submit`) payload: only the card's
 * own fields, as the text the person typed. Anything else in the payload is ignored.
 * @example
 * requestCardValues({ nNumbers: 'N146782', requestKey: 'k1', x: 1 }) //=> { nNumbers: 'N146782' }
 */
export function requestCardValues(data: unknown): RequestCardValues {
  if (typeof data !== 'object' || data === null) return {};
  const record = data as Record<string, unknown>;
  const values: RequestCardValues = {};
  for (const field of requestCardFields) {
    const text = asText(record[field]);
    if (text !== undefined) values[field] = text;
  }
  return values;
}
