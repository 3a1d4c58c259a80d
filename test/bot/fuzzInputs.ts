import fc from 'fast-check';
import { verbs } from '../../cards/verbs.js';
import { alex, botAccount, megan } from './teamsActivities.js';

/** The child surname every generated request carries: it must never reach a shared conversation. */
export const fuzzSurname = 'Zanzibarova';

/** Replaced at send time: the loopback connector's URL, and ids of bookings and requests that exist by then. */
export const placeholders = {
  serviceUrl: '__FUZZ_SERVICE_URL__',
  activityId: '__FUZZ_ACTIVITY_ID__',
  bookingId: '__FUZZ_BOOKING_ID__',
  requestId: '__FUZZ_REQUEST_ID__',
} as const;

/** `"__FUZZ_DEEP_<n>__"` in a body becomes JSON nested n deep at send time. */
export const deepPlaceholder = /"__FUZZ_DEEP_(\d+)__"/g;

/** The one personal conversation; every other conversation id is shared (group chat, channel, unknown). */
export const personalConversation = 'a:fuzz-personal';

/** Markers in typed text: wherever they show on a card, it must be as plain text. */
export const markupMarkers = ['FUZZ-MD', 'FUZZ-HTML', 'FUZZ-LINK'] as const;

/** How the body goes on the wire. */
export type Encoding = 'none' | 'identity' | 'gzip' | 'broken-gzip' | 'deflate' | 'br' | 'gzip, gzip' | 'x-gzip' | 'GZIP' | 'bogus';
/** How its length is declared: exactly, chunked, or a Content-Length that lies (a raw socket). */
export type Framing = 'exact' | 'chunked' | 'declared-longer' | 'declared-shorter';

export interface FuzzInput {
  /** The kind of input, for the report. */
  readonly label: string;
  /** JSON text with placeholders, or raw bytes sent as they are. */
  readonly body: string | Uint8Array;
  readonly contentType: string | undefined;
  readonly encoding: Encoding;
  readonly framing: Framing;
  /** A strategy.request submit: who sent it under which key, with which card data. */
  readonly submit?: { readonly requestKey: string; readonly actorId: string; readonly data: Readonly<Record<string, unknown>> };
}

const stranger = { id: '29:fuzz-stranger', name: 'Casey Stranger' };
const users = [alex, megan, stranger] as const;

/** The conversation id for a conversation type: one personal chat, everything else shared. */
export function conversationIdFor(conversationType: unknown): string {
  if (conversationType === 'personal') return personalConversation;
  return typeof conversationType === 'string' && /^[A-Za-z]{1,20}$/.test(conversationType) ? `19:fuzz-${conversationType}@thread.v2` : '19:fuzz-other@thread.v2';
}

const codeUnits = (min: number, max: number) =>
  fc.array(fc.integer({ min, max }), { minLength: 1, maxLength: 4 }).map((units) => `a${String.fromCharCode(...units)}b`);

/** Text people (and attackers) type: controls, broken surrogates, right-to-left, templates, markup, huge. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: codeUnits(0x0000, 0x001f) },
  { weight: 2, arbitrary: codeUnits(0xd800, 0xdfff) },
  { weight: 6, arbitrary: fc.constantFrom(
    '${managerName}',
    '${$root}',
    '${if(true, "a", "b")}',
    '${',
    '{{DATE(2026-11-23T10:00:00Z, SHORT)}}',
    '$${x}}',
    '**FUZZ-MD**',
    '_FUZZ-MD_ and ~~FUZZ-MD~~',
    '# FUZZ-MD',
    '<b>FUZZ-HTML</b>',
    '<script>alert("FUZZ-HTML")</script>',
    '<at>FUZZ-HTML</at>',
    '[FUZZ-LINK](https://evil.example/)',
    '![FUZZ-LINK](https://evil.example/x.png)',
    '\u202Egnp.exe FUZZ-MD',
    'مرحبا بالعالم',
    'שלום עולם',
    '\u200F\u200E\u2066x\u2069',
    'e\u0301\u0301\u0301\u0301',
    '\uFEFFbom',
    '\u0000',
    '\uD800',
    '\uDFFF\uD800',
    '',
    ' ',
    '\r\n',
    'null',
    'undefined',
    '__proto__',
    '2026-02-30',
    '2026-13-01',
    '0000-00-00',
    '9999-12-31',
    '1900-01-01',
    '2026-11-23T25:61',
    '24:00',
    '-1',
    'NaN',
    '1e999',
  ) },
  // Huge text, rarer: it costs the most to send.
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 30_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 5_000 }).map((n) => '<'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2_000 }).map((n) => '${'.repeat(n)) },
);

/** A value of the wrong JSON type, or an odd one of the right type. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A card field: usually what a manager would type, sometimes hostile text, sometimes the wrong type. */
function field(valid: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 6, arbitrary: valid }, { weight: 3, arbitrary: hostileText }, { weight: 1, arbitrary: oddValue });
}

const validRequest = {
  nNumbers: fc.constantFrom('N146782', 'N200001, N200002', 'n146782'),
  childSurnames: fc.constantFrom(fuzzSurname, `${fuzzSurname}, Smith-Jones`, fuzzSurname.toUpperCase()),
  managerName: fc.constantFrom('Alex Wilber', "Siobhán O'Neill", 'A. Jones'),
  managerRole: fc.constantFrom('TM', 'PM'),
  managerPhone: fc.constantFrom('01604 123456', '+44 1604 123456 ext 12'),
  referredDate: fc.constantFrom('2026-11-23', '2026-11-20', '2026-11-21'),
  referredTime: fc.constantFrom('09:30', '00:00', '13:59'),
  urgent: fc.constantFrom('', '', '', 'home-alone', 'missing,sexual-exploitation'),
  longerSlot: fc.constantFrom('false', 'true', ''),
  reason: fc.oneof(fc.constantFrom('Bruising seen at school', ''), hostileText.filter((t) => t.length <= 2000)),
  invitees: fc.constantFrom('', 'nurse@health.example.org', 'a@x.example; b@y.example'),
};

/** The request card's data: all valid (reason may be hostile), or each field valid, hostile or odd. */
const requestData: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { weight: 1, arbitrary: fc.record(validRequest) },
  {
    weight: 3,
    arbitrary: fc.record(
      Object.fromEntries(Object.entries(validRequest).map(([name, valid]) => [name, fc.option(field(valid as fc.Arbitrary<string>), { nil: undefined, freq: 10 })])) as Record<
        string,
        fc.Arbitrary<unknown>
      >,
      { requiredKeys: [] },
    ),
  },
);

const requestKey = fc.oneof({ weight: 9, arbitrary: fc.uuid() }, { weight: 1, arbitrary: hostileText });
const bookingId = fc.oneof(fc.constant(placeholders.bookingId), fc.uuid(), hostileText, oddValue);
const requestId = fc.oneof(fc.constant(placeholders.requestId), fc.uuid(), hostileText, oddValue);

/** A verb and its data, for a card action or its Action.Submit fallback. */
const verbAndData: fc.Arbitrary<{ verb: unknown; data: Record<string, unknown> }> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ verb: fc.constant(verbs.requestDiscussion), data: fc.tuple(requestData, requestKey).map(([d, k]) => ({ ...d, requestKey: k })) }) },
  { weight: 1, arbitrary: fc.record({ verb: fc.constant(verbs.openRequest), data: fc.dictionary(fc.string({ maxLength: 8 }), oddValue, { maxKeys: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ verb: fc.constant(verbs.cancelBooking), data: fc.record({ bookingId }, { requiredKeys: [] }) }) },
  { weight: 1, arbitrary: fc.record({ verb: fc.constant(verbs.longerSlot), data: fc.record({ bookingId }, { requiredKeys: [] }) }) },
  { weight: 1, arbitrary: fc.record({ verb: fc.constant(verbs.showAgenda), data: fc.record({ bookingId }, { requiredKeys: [] }) }) },
  { weight: 1, arbitrary: fc.record({ verb: fc.constant(verbs.policeMadeContact), data: fc.record({ requestId }, { requiredKeys: [] }) }) },
  { weight: 1, arbitrary: fc.record({ verb: fc.constant(verbs.undoPoliceContact), data: fc.record({ requestId }, { requiredKeys: [] }) }) },
  { weight: 1, arbitrary: fc.record({ verb: fc.oneof(hostileText, oddValue), data: fc.dictionary(fc.string({ maxLength: 8 }), oddValue, { maxKeys: 3 }) }) },
);

const conversationType = fc.constantFrom<unknown>('personal', 'personal', 'groupChat', 'channel', undefined, 'meeting');

/** Where an activity comes from: the envelope Teams puts around every activity. */
const envelope = fc.record({ conversationType, from: fc.constantFrom(...users) }).map(({ conversationType: type, from }) => ({
  id: placeholders.activityId,
  channelId: 'msteams',
  serviceUrl: placeholders.serviceUrl,
  timestamp: '2026-11-23T14:00:00.000Z',
  from,
  recipient: botAccount,
  conversation: { id: conversationIdFor(type), ...(type === undefined ? {} : { conversationType: type }), tenantId: 'tenant-1', ...(type === 'personal' ? {} : { isGroup: true }) },
  channelData: { tenant: { id: 'tenant-1' } },
  locale: 'en-GB',
}));

const commandText = fc.oneof(
  fc.constantFrom('book', 'help', 'my bookings', 'cancel', 'cancel N146782', 'request', 'new', '<at>Strategy Desk</at> book', '<p>help</p>', 'cancel N146782 now'),
  hostileText,
  hostileText.map((t) => `cancel ${t}`),
  hostileText.map((t) => `<at>${t}</at> my bookings`),
);

type Activity = Record<string, unknown>;

const message: fc.Arbitrary<[string, Activity]> = fc.tuple(envelope, commandText).map(([e, text]) => ['message', { ...e, type: 'message', text, textFormat: 'plain' }]);

const cardActionInvoke: fc.Arbitrary<[string, Activity]> = fc
  .tuple(envelope, verbAndData, fc.constantFrom('Action.Execute', 'Action.Execute', 'Action.Execute', 'Action.Submit', 'Action.OpenUrl'), fc.constantFrom('sent-1', 'sent-2', 'fuzz-card'))
  .map(([e, { verb, data }, type, cardId]) => [`invoke ${typeof verb === 'string' && verb.startsWith('strategy.') ? verb : 'odd verb'}`, { ...e, type: 'invoke', name: 'adaptiveCard/action', replyToId: cardId, value: { action: { type, id: 'a1', verb, data }, trigger: 'manual' } }]);

const submitFallback: fc.Arbitrary<[string, Activity]> = fc
  .tuple(envelope, verbAndData, fc.option(fc.constantFrom('sent-1', 'fuzz-card'), { nil: undefined }))
  .map(([e, { verb, data }, replyToId]) => [`Action.Submit ${typeof verb === 'string' && verb.startsWith('strategy.') ? verb : 'odd verb'}`, { ...e, type: 'message', ...(replyToId ? { replyToId } : {}), value: { ...data, verb } }]);

const membersUpdate: fc.Arbitrary<[string, Activity]> = fc
  .tuple(envelope, fc.array(fc.oneof(fc.constant(botAccount), fc.constant(alex), fc.record({ id: hostileText, name: hostileText })), { maxLength: 4 }))
  .map(([e, members]) => ['conversationUpdate', { ...e, type: 'conversationUpdate', membersAdded: members }]);

const otherTypes: fc.Arbitrary<[string, Activity]> = fc
  .tuple(envelope, fc.constantFrom('typing', 'event', 'installationUpdate', 'messageReaction', 'messageUpdate', 'messageDelete', 'endOfConversation', 'invoke', 'trace', 'handoff'), fc.option(hostileText, { nil: undefined }))
  .map(([e, type, name]) => [`other type`, { ...e, type, ...(name === undefined ? {} : { name }), ...(type === 'messageReaction' ? { reactionsAdded: [{ type: 'like' }] } : {}) }]);

const wellFormed = fc.oneof({ weight: 3, arbitrary: message }, { weight: 6, arbitrary: cardActionInvoke }, { weight: 2, arbitrary: submitFallback }, { weight: 1, arbitrary: membersUpdate }, { weight: 1, arbitrary: otherTypes });

/** One field of an activity replaced by a value of the wrong type, an odd value or a nesting bomb. */
const mutated: fc.Arbitrary<[string, Activity]> = fc
  .tuple(wellFormed, fc.nat(), fc.nat(), fc.oneof(oddValue, hostileText, fc.integer({ min: 30, max: 5000 }).map((depth) => ({ deep: depth }))))
  .map(([[label, activity], a, b, replacement]) => {
    const copy = structuredClone(activity);
    const keys = Object.keys(copy);
    const key = keys[a % keys.length]!;
    const inner = copy[key];
    const nested = typeof inner === 'object' && inner !== null && !Array.isArray(inner) && b % 2 === 0 ? Object.keys(inner) : [];
    const value = typeof replacement === 'object' && replacement !== null && 'deep' in replacement ? `__FUZZ_DEEP_${(replacement as { deep: number }).deep}__` : replacement;
    if (nested.length > 0) {
      const target = nested[b % nested.length]!;
      (inner as Activity)[target] = value;
      // A conversation's id follows its type, so a conversation is personal or shared, never both.
      if (key === 'conversation' && target === 'conversationType') (inner as Activity).id = conversationIdFor(value);
    } else if (key !== 'serviceUrl' && key !== 'conversation') copy[key] = value;
    else copy['text'] = value;
    return [`mutated ${label}`, copy];
  });

/** JSON text that is not an activity, or not JSON at all. */
const brokenJson: fc.Arbitrary<[string, string | Uint8Array]> = fc.oneof(
  fc.tuple(wellFormed, fc.nat()).map(([[, activity], cut]) => {
    const text = JSON.stringify(activity);
    return ['truncated JSON', text.slice(0, cut % text.length)] as [string, string];
  }),
  fc.constantFrom('', 'null', '[]', '"message"', '1e999', '{}', '{"type":"message"}', '{"__proto__":{"polluted":1},"type":"message"}', '{"type":"message","type":"invoke"}', '\uFEFF{}').map((t) => ['odd JSON', t] as [string, string]),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => ['random bytes', bytes] as [string, Uint8Array]),
  fc.constant(['invalid UTF-8', Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])] as [string, Uint8Array]),
  fc.integer({ min: 1000, max: 20_000 }).map((depth) => ['nesting bomb', `${'['.repeat(depth)}${']'.repeat(depth)}`] as [string, string]),
);

const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
  {
    weight: 1,
    arbitrary: fc.constantFrom<string | undefined>(
      undefined,
      '',
      'APPLICATION/JSON; Charset="UTF-8"',
      'application/json; charset=latin1',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'application/json, text/html',
      'application/jsonp',
    ),
  },
);
const encoding = fc.oneof(
  { weight: 12, arbitrary: fc.constant<Encoding>('none') },
  { weight: 1, arbitrary: fc.constantFrom<Encoding>('identity', 'gzip', 'broken-gzip', 'deflate', 'br', 'gzip, gzip', 'x-gzip', 'GZIP', 'bogus') },
);
const framing = fc.oneof({ weight: 20, arbitrary: fc.constant<Framing>('exact') }, { weight: 1, arbitrary: fc.constantFrom<Framing>('chunked', 'declared-longer', 'declared-shorter') });

/**
 * One input to POST to /api/messages: a well-formed activity (message, card action, Action.Submit
 * fallback, conversation update, other types) with hostile data, a mutated one, or broken JSON;
 * with the usual or an odd content type, encoding and length.
 */
export const fuzzInput: fc.Arbitrary<FuzzInput> = fc
  .tuple(
    fc.oneof(
      { weight: 7, arbitrary: wellFormed.map(([label, a]) => [label, a] as [string, Activity | string | Uint8Array]) },
      { weight: 2, arbitrary: mutated.map(([label, a]) => [label, a] as [string, Activity | string | Uint8Array]) },
      { weight: 1, arbitrary: brokenJson.map(([label, a]) => [label, a] as [string, Activity | string | Uint8Array]) },
    ),
    contentType,
    encoding,
    framing,
  )
  .map(([[label, body], type, enc, frame]) => {
    let submit: FuzzInput['submit'];
    if (typeof body === 'object' && !(body instanceof Uint8Array)) {
      const value = body.value as { action?: { verb?: unknown; data?: unknown } } | undefined;
      const data = (body.type === 'invoke' ? value?.action?.data : value) as Record<string, unknown> | undefined;
      const verb = body.type === 'invoke' ? value?.action?.verb : data?.verb;
      const from = body.from as { id?: unknown; aadObjectId?: unknown } | undefined;
      const conversation = body.conversation as { id?: unknown } | undefined;
      // The key the bot files the request under (StrategyDeskBot.requestDiscussion).
      const key = data?.requestKey;
      const requestKey =
        typeof key === 'string' && key.length > 0 && key.length <= 100
          ? key
          : typeof body.replyToId === 'string' && typeof conversation?.id === 'string'
            ? `${conversation.id}|${body.replyToId}`
            : undefined;
      const actorId = typeof from?.aadObjectId === 'string' ? from.aadObjectId : typeof from?.id === 'string' ? from.id : undefined;
      if (verb === verbs.requestDiscussion && typeof data === 'object' && data !== null && requestKey && actorId) submit = { requestKey, actorId, data };
    }
    const text = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
    return {
      label: `${label}${type === 'application/json' || type === 'application/json; charset=utf-8' ? '' : ' (odd content type)'}${enc === 'none' ? '' : ` (${enc})`}${frame === 'exact' ? '' : ` (${frame})`}`,
      body: text,
      contentType: type,
      encoding: enc,
      framing: frame,
      ...(submit ? { submit } : {}),
    };
  });
