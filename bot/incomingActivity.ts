import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { z } from 'zod';

const gunzipAsync = promisify(gunzip);

/** Activity types the Teams and Bot Framework channels send; anything else is refused (400). */
export const activityTypes = [
  'message',
  'conversationUpdate',
  'installationUpdate',
  'invoke',
  'event',
  'typing',
  'messageReaction',
  'messageUpdate',
  'messageDelete',
  'endOfConversation',
] as const;

/** The only invoke this bot answers (Universal Actions); Teams sends others only for features it lacks. */
export const cardActionInvoke = 'adaptiveCard/action';

/** How deep a body's JSON may nest. Teams' activities are under 10 levels; a deeper one is hostile. */
export const maxJsonDepth = 32;

/** The longest message text taken (Teams' own message limit is about 28 KB). */
export const maxTextLength = 28_000;

/**
 * NUL (PostgreSQL cannot store it, and the conversation reference is stored), the other C0
 * controls but tab and line breaks, DEL, and half of a UTF-16 surrogate pair (not writable as UTF-8).
 */
const UNSTORABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Ids the bot put on its cards (requestKey, bookingId, requestId: UUIDs) and verbs (`strategy.x`):
 * letters, digits and `. _ - : @ |`. Nothing a template engine or renderer would read, since the
 * ids ride back out in the action data of the answer card.
 */
const cardId = z.string().regex(/^[A-Za-z0-9._:@|-]{1,100}$/, 'must be 1 to 100 letters, digits or . _ - : @ |');
const str = (max: number) => z.string().max(max);
/**
 * Channel, conversation, user and activity ids: printable ASCII, as Teams makes them. botbuilder
 * sends the conversation id in an HTTP header (x-ms-conversation-id), which takes nothing else.
 */
const id = z.string().regex(/^[\x21-\x7E]{1,500}$/, 'must be 1 to 500 printable ASCII characters');

const account = z.looseObject({
  id,
  name: str(500).optional(),
  aadObjectId: id.max(100).optional(),
  role: str(50).optional(),
});

const conversation = z.looseObject({
  id,
  conversationType: str(50).optional(),
  tenantId: str(100).optional(),
  isGroup: z.boolean().optional(),
  name: str(500).optional(),
});

const record = z.record(z.string(), z.unknown());

const channelData = z.looseObject({
  eventType: str(100).optional(),
  tenant: z.looseObject({ id: str(100).optional() }).optional(),
  team: z.looseObject({ id: str(500).optional() }).optional(),
  channel: z.looseObject({ id: str(500).optional() }).optional(),
});

/** The ids a card action carries back, where present: made by the bot, so anything odd is refused. */
const actionData = z.looseObject({
  verb: cardId.optional(),
  requestKey: cardId.optional(),
  bookingId: cardId.optional(),
  requestId: cardId.optional(),
});

const cardActionValue = z.looseObject({
  action: z.looseObject({ type: str(100), verb: cardId, id: str(500).optional(), data: actionData.optional() }),
  trigger: str(50).optional(),
});

const activity = z
  .looseObject({
    type: z.enum(activityTypes),
    channelId: id.max(100),
    serviceUrl: str(2048).url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL'),
    from: account,
    recipient: account,
    conversation,
    id: id.optional(),
    replyToId: id.optional(),
    name: str(200).optional(),
    text: str(maxTextLength).optional(),
    textFormat: str(50).optional(),
    locale: str(50).optional(),
    timestamp: z.iso.datetime({ offset: true }).optional(),
    localTimestamp: z.iso.datetime({ offset: true }).optional(),
    channelData: channelData.optional(),
    membersAdded: z.array(account).max(1000).optional(),
    membersRemoved: z.array(account).max(1000).optional(),
    attachments: z.array(record).max(50).optional(),
    entities: z.array(record).max(50).optional(),
    reactionsAdded: z.array(record).max(50).optional(),
    reactionsRemoved: z.array(record).max(50).optional(),
    value: z.unknown().optional(),
  })
  .superRefine((a, ctx) => {
    if (a.type === 'invoke') {
      if (a.name !== cardActionInvoke) return void ctx.addIssue({ code: 'custom', path: ['name'], message: `this bot answers only ${cardActionInvoke} invokes` });
      const value = cardActionValue.safeParse(a.value);
      if (!value.success) ctx.addIssue({ code: 'custom', path: ['value', ...value.error.issues[0]!.path.map(String)], message: value.error.issues[0]!.message });
    } else if (a.type === 'message' && a.value !== undefined) {
      // The Action.Submit fallback of older clients: the card's data as the message's value.
      const value = actionData.safeParse(a.value);
      if (!value.success || Array.isArray(a.value)) ctx.addIssue({ code: 'custom', path: ['value', ...(value.error?.issues[0]?.path.map(String) ?? [])], message: value.error?.issues[0]?.message ?? 'must be an object' });
    }
  });

/**
 * The first string (key or value) outside `value` that holds a character that cannot be stored,
 * or JSON nested deeper than `maxJsonDepth`: walked without recursion, so depth cannot overflow.
 * Card inputs (under `value`) are left to the request's validation, which names the field.
 */
function problemInStrings(body: object): string | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number; cardInput: boolean }> = [{ value: body, path: '', depth: 0, cardInput: false }];
  const at = (path: string) => (path || 'body').slice(0, 200);
  while (stack.length > 0) {
    const { value, path, depth, cardInput } = stack.pop()!;
    if (depth > maxJsonDepth) return `${at(path)}: nested deeper than ${maxJsonDepth} levels`;
    if (typeof value === 'string') {
      if (!cardInput && UNSTORABLE.test(value)) return `${at(path)}: has a control character or a broken surrogate pair`;
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (!cardInput && UNSTORABLE.test(key)) return `${at(path)}: has a key with a control character or a broken surrogate pair`;
        stack.push({ value: item, path: path ? `${path}.${key}` : key, depth: depth + 1, cardInput: cardInput || (depth === 0 && key === 'value') });
      }
    }
  }
  return undefined;
}

/**
 * Checks an incoming body is a Bot Framework activity this bot can process, before it reaches
 * the adapter: every field the bot or botbuilder reads has its type and a bound on its size;
 * nothing outside the card's inputs holds a character that cannot be stored; JSON is at most
 * `maxJsonDepth` deep; invokes are card actions with a verb; a message's value is an object.
 * @returns undefined when it is, else a short description of the first problem.
 * @example
 * problemWithActivity({ type: 'bogus' }) //=> 'type: Invalid option: expected one of "message"|...'
 */
export function problemWithActivity(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body: must be one JSON object (an activity)';
  const inStrings = problemInStrings(body);
  if (inStrings) return inStrings;
  const result = activity.safeParse(body);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  return `${issue.path.join('.') || 'body'}: ${issue.message}`;
}

/** A body that could not be read as an activity: the HTTP status to answer and why. */
export interface BodyProblem {
  readonly status: 400 | 413 | 415;
  readonly error: string;
}

/** The request headers that say how the body is written. */
export interface BodyHeaders {
  readonly contentType: string | undefined;
  readonly contentEncoding: string | undefined;
}

/** One strict decoder for every body (making one per turn cost more than the decoding); `decode` without `stream` starts afresh each call. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns the bytes of a POST to /api/messages into JSON, refusing anything else with the status
 * to answer: a media type other than JSON in UTF-8 (415), an encoding other than none or gzip
 * (415), gzip that is broken (400) or expands past `maxBytes` (413), bytes that are not UTF-8 or
 * JSON (400). Never throws.
 * @example
 * await decodeActivityBody(Buffer.from('{}'), { contentType: 'application/json', contentEncoding: 'br' }, 1024)
 * //=> { status: 415, error: 'content encoding "br" is not supported: send the body as is or gzip' }
 */
export async function decodeActivityBody(raw: Buffer, headers: BodyHeaders, maxBytes: number): Promise<{ json: unknown } | BodyProblem> {
  const [mediaType = '', ...parameters] = (headers.contentType ?? '').split(';').map((p) => p.trim().toLowerCase());
  if (mediaType !== 'application/json') return { status: 415, error: 'send the activity as application/json' };
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return { status: 415, error: 'send the activity in UTF-8' };

  const encoding = (headers.contentEncoding ?? '').trim().toLowerCase();
  let bytes = raw;
  if (encoding === 'gzip' || encoding === 'x-gzip') {
    try {
      bytes = await gunzipAsync(raw, { maxOutputLength: maxBytes });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return { status: 413, error: `the body expands past ${maxBytes} bytes` };
      return { status: 400, error: 'the body is not valid gzip' };
    }
  } else if (encoding !== '' && encoding !== 'identity') {
    return { status: 415, error: `content encoding "${encoding.slice(0, 40)}" is not supported: send the body as is or gzip` };
  }
  if (bytes.length > maxBytes) return { status: 413, error: `the body is over ${maxBytes} bytes` };

  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { status: 400, error: 'the body is not UTF-8' };
  }
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return { status: 400, error: 'the body is not valid JSON' };
  }
}
