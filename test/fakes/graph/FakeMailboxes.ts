import {
  GraphInputError,
  expandedPropertyIds,
  newChangeKey,
  newEventId,
  newJoinUrl,
  readDateTimeTimeZone,
  renderEvent,
  type FakeAttendee,
  type FakeEvent,
  type FakeResponse,
  type FakeShowAs,
} from './fakeEvent.js';

/** An event as tests see it: plain JSON, the same in-process and over the admin endpoints. */
export interface FakeEventView {
  readonly id: string;
  readonly mailbox: string;
  readonly subject: string;
  readonly body: string;
  readonly start: string;
  readonly end: string;
  readonly location: string;
  readonly attendees: readonly FakeAttendee[];
  readonly showAs: FakeShowAs;
  readonly isCancelled: boolean;
  readonly allowNewTimeProposals: boolean;
  readonly isOnlineMeeting: boolean;
  /** The Teams meeting's join URL, when the event was created as one. */
  readonly joinUrl?: string;
  readonly transactionId?: string;
  readonly extendedProperties: Readonly<Record<string, string>>;
}

/** A message posted to `sendMail`: what went out, and the copy kept in Sent Items if asked. */
export interface FakeSentMail {
  readonly id: string;
  readonly mailbox: string;
  readonly subject: string;
  readonly contentType: string;
  readonly body: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly saveToSentItems: boolean;
  readonly sentDateTime: string;
  /** Single-value extended properties written on the message, by id as written. */
  readonly extendedProperties: Readonly<Record<string, string>>;
  /** Custom `internetMessageHeaders` (X-...), by name. */
  readonly headers: Readonly<Record<string, string>>;
  /** The message's file attachments, as posted (`contentBytes` base64); empty when it had none. */
  readonly attachments: readonly FakeSentAttachment[];
}

/** A `#microsoft.graph.fileAttachment` posted with `sendMail`. */
export interface FakeSentAttachment {
  readonly name: string;
  readonly contentType: string;
  /** The file's bytes, base64, as posted (JSON-safe, so FakeGraphRemote returns it unchanged). */
  readonly contentBytes: string;
  /** The decoded size in bytes. */
  readonly size: number;
}

/** What Graph takes as attachments in one `sendMail`: 3 MB together; larger files need an upload session. */
export const fakeInlineAttachmentLimit = 3 * 1024 * 1024;

/** A hand-made event, as someone typing into Outlook would leave it. */
export interface HandMadeEvent {
  readonly mailbox?: string;
  readonly subject: string;
  readonly start: Date | string;
  readonly end: Date | string;
  readonly showAs?: FakeShowAs;
  readonly isCancelled?: boolean;
  readonly attendees?: readonly { address: string; name?: string; type?: FakeAttendee['type'] }[];
  readonly extendedProperties?: Readonly<Record<string, string>>;
}

export interface GraphAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface ReadOptions {
  readonly zone: string;
  readonly select?: readonly string[];
  readonly expand: string | null;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const notFound = () => new GraphInputError('The specified object was not found in the store.', 404, 'ErrorItemNotFound');
type Json = Record<string, unknown>;

function readAttendees(value: unknown): FakeAttendee[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new GraphInputError('attendees must be an array');
  return value.map((a: Json, i) => {
    const email = (a?.emailAddress ?? {}) as Json;
    if (typeof email.address !== 'string' || !email.address.includes('@')) throw new GraphInputError(`attendees[${i}].emailAddress.address is not an address`, 400, 'ErrorInvalidRecipients');
    const type = a.type === 'optional' || a.type === 'resource' ? a.type : 'required';
    return { address: email.address, name: typeof email.name === 'string' ? email.name : email.address, type, response: 'none' as const };
  });
}

function readText(value: unknown): string {
  const v = (value ?? {}) as Json;
  return typeof v.content === 'string' ? v.content : '';
}

/**
 * The events and sent mail of every mailbox the fake serves, and Graph's semantics over them:
 * calendarView overlap and paging, transactionId de-duplication, cancel, attendee replies.
 */
export class FakeMailboxes {
  private readonly all = new Map<string, FakeEvent>();
  private readonly mail: FakeSentMail[] = [];
  /**
   * Indexes, as Exchange has: events by start time and by transactionId, so a calendarView or a
   * create costs the same on a calendar with years of history as on an empty one (the bench
   * measures the product, not the fake's scans).
   */
  private readonly byStart = new StartIndex();
  private readonly byTransaction = new Map<string, FakeEvent>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  clear(): void {
    this.all.clear();
    this.mail.length = 0;
    this.byStart.clear();
    this.byTransaction.clear();
  }

  events(mailbox?: string): FakeEventView[] {
    return [...this.all.values()].filter((e) => !mailbox || same(e.mailbox, mailbox)).map(view);
  }

  sentMail(): FakeSentMail[] {
    return [...this.mail];
  }

  addEvent(mailbox: string, e: HandMadeEvent): FakeEventView {
    const start = new Date(e.start);
    const end = new Date(e.end);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end < start) throw new GraphInputError('a hand-made event needs a start and a later end');
    const event = this.insert(mailbox, {
      subject: e.subject,
      start,
      end,
      showAs: e.showAs ?? 'busy',
      isCancelled: e.isCancelled ?? false,
      attendees: (e.attendees ?? []).map((a) => ({ address: a.address, name: a.name ?? a.address, type: a.type ?? 'required', response: 'none' })),
      extended: new Map(Object.entries(e.extendedProperties ?? {})),
    });
    return view(event);
  }

  /** An invitee replying in Outlook (at `at`, or now): only their own status changes. */
  setAttendeeResponse(eventId: string, address: string, response: FakeResponse, at?: Date): void {
    const event = this.all.get(eventId);
    const attendee = event?.attendees.find((a) => same(a.address, address));
    if (!event || !attendee) throw new Error(`no attendee ${address} on event ${eventId}`);
    attendee.response = response;
    attendee.respondedAt = (at ?? this.now()).toISOString();
    this.touch(event);
  }

  /**
   * Someone an invitee forwarded the invite to: Exchange adds them to the organiser's copy as an
   * optional attendee who has not answered yet. Adding someone already there changes nothing.
   */
  addForwardedAttendee(eventId: string, address: string, name?: string): void {
    const event = this.all.get(eventId);
    if (!event) throw new Error(`no event ${eventId}`);
    if (event.attendees.some((a) => same(a.address, address))) return;
    event.attendees.push({ address, name: name ?? address, type: 'optional', response: 'none' });
    this.touch(event);
  }

  /** A person moving (or shortening) the event in Outlook: as in Exchange, every reply goes back to none. */
  moveByHand(eventId: string, start: Date, end: Date): void {
    const event = this.all.get(eventId);
    if (!event) throw new Error(`no event ${eventId}`);
    this.byStart.remove(event);
    event.start = start;
    event.end = end;
    this.byStart.add(event);
    for (const a of event.attendees) {
      a.response = 'none';
      delete a.respondedAt;
    }
    this.touch(event);
  }

  /** A person deleting the event in Outlook: it is gone from the organiser's calendar. */
  deleteByHand(eventId: string): void {
    const event = this.all.get(eventId);
    if (event) this.delete(event.mailbox, eventId);
  }

  calendarView(mailbox: string, query: URLSearchParams, read: ReadOptions, pageSize: number, selfUrl: (query: string) => string): GraphAnswer {
    const from = query.get('startDateTime');
    const to = query.get('endDateTime');
    if (!from || !to) throw new GraphInputError('This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.', 400, 'ErrorInvalidParameter');
    const start = readDateTimeTimeZone({ dateTime: from, timeZone: 'UTC' }, 'startDateTime');
    const end = readDateTimeTimeZone({ dateTime: to, timeZone: 'UTC' }, 'endDateTime');
    const top = Math.max(1, Math.min(Number(query.get('$top') ?? 10) || 10, 1000));
    const skip = Math.max(0, Number(query.get('$skip') ?? 0) || 0);
    const page = Math.min(top, pageSize);
    const hits = this.byStart
      .overlapping(start, end)
      .filter((e) => same(e.mailbox, mailbox))
      .sort((a, b) => a.start.getTime() - b.start.getTime() || a.id.localeCompare(b.id));
    const value = hits.slice(skip, skip + page).map((e) => renderEvent(e, { zone: read.zone, select: read.select, expandIds: expandedPropertyIds(read.expand) }));
    const body: Json = { '@odata.context': `${selfUrl('').split('?')[0]}/$metadata#Collection(event)`, value };
    if (skip + page < hits.length) {
      const next = new URLSearchParams(query);
      next.set('$skip', String(skip + page));
      // Graph writes %20 rather than '+', and the Graph client passes the link on untouched.
      body['@odata.nextLink'] = selfUrl([...next].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&'));
    }
    return { status: 200, body };
  }

  create(mailbox: string, input: Json, read: ReadOptions): { answer: GraphAnswer; created: boolean } {
    const transactionId = typeof input.transactionId === 'string' ? input.transactionId : undefined;
    const earlier = transactionId ? this.byTransaction.get(transactionKey(mailbox, transactionId)) : undefined;
    if (earlier) return { answer: { status: 201, body: renderEvent(earlier, { zone: read.zone }) }, created: false };
    const start = readDateTimeTimeZone(input.start, 'start');
    const end = readDateTimeTimeZone(input.end, 'end');
    if (end < start) throw new GraphInputError('The end time must be after the start time.');
    const properties = Array.isArray(input.singleValueExtendedProperties) ? (input.singleValueExtendedProperties as Json[]) : [];
    const event = this.insert(mailbox, {
      subject: typeof input.subject === 'string' ? input.subject : '',
      body: readText(input.body),
      start,
      end,
      location: readText({ content: (input.location as Json | undefined)?.displayName }),
      attendees: readAttendees(input.attendees),
      showAs: (input.showAs as FakeShowAs | undefined) ?? 'busy',
      allowNewTimeProposals: input.allowNewTimeProposals !== false,
      isOnlineMeeting: input.isOnlineMeeting === true,
      // As Exchange: a Teams meeting is made with the event, and its join URL comes back at once.
      ...(input.isOnlineMeeting === true && input.onlineMeetingProvider === 'teamsForBusiness' ? { joinUrl: newJoinUrl() } : {}),
      ...(transactionId ? { transactionId } : {}),
      extended: new Map(properties.map((p) => [String(p.id), String(p.value)])),
    });
    return { answer: { status: 201, body: renderEvent(event, { zone: read.zone }), headers: { Location: `events('${event.id}')` } }, created: true };
  }

  get(mailbox: string, id: string, read: ReadOptions): GraphAnswer {
    return { status: 200, body: renderEvent(this.find(mailbox, id), { zone: read.zone, select: read.select, expandIds: expandedPropertyIds(read.expand) }) };
  }

  update(mailbox: string, id: string, input: Json, read: ReadOptions): GraphAnswer {
    const event = this.find(mailbox, id);
    const start = input.start !== undefined ? readDateTimeTimeZone(input.start, 'start') : event.start;
    const end = input.end !== undefined ? readDateTimeTimeZone(input.end, 'end') : event.end;
    if (end < start) throw new GraphInputError('The end time must be after the start time.');
    const moved = start.getTime() !== event.start.getTime() || end.getTime() !== event.end.getTime();
    if (typeof input.subject === 'string') event.subject = input.subject;
    if (input.body !== undefined) event.body = readText(input.body);
    if (input.location !== undefined) event.location = readText({ content: (input.location as Json).displayName });
    if (input.showAs !== undefined) event.showAs = input.showAs as FakeShowAs;
    if (input.attendees !== undefined) {
      const before = new Map(event.attendees.map((a) => [a.address.toLowerCase(), a]));
      event.attendees = readAttendees(input.attendees).map((a) => ({ ...a, response: before.get(a.address.toLowerCase())?.response ?? 'none' }));
    }
    this.byStart.remove(event);
    event.start = start;
    event.end = end;
    this.byStart.add(event);
    // Exchange asks everyone to reply again when a meeting moves.
    if (moved) for (const a of event.attendees) a.response = 'none';
    this.touch(event);
    return { status: 200, body: renderEvent(event, { zone: read.zone }) };
  }

  cancel(mailbox: string, id: string): GraphAnswer {
    const event = this.find(mailbox, id);
    if (event.isCancelled) throw new GraphInputError('The meeting has already been cancelled.', 400, 'ErrorInvalidRequest');
    event.isCancelled = true;
    this.touch(event);
    return { status: 202 };
  }

  delete(mailbox: string, id: string): GraphAnswer {
    const event = this.find(mailbox, id);
    this.all.delete(event.id);
    this.byStart.remove(event);
    if (event.transactionId) this.byTransaction.delete(transactionKey(event.mailbox, event.transactionId));
    return { status: 204 };
  }

  sendMail(mailbox: string, input: Json): GraphAnswer {
    const message = (input.message ?? {}) as Json;
    const addresses = (list: unknown) => (Array.isArray(list) ? list : []).map((r: Json) => String((r?.emailAddress as Json | undefined)?.address ?? ''));
    const to = addresses(message.toRecipients);
    if (!to.length || to.some((a) => !a.includes('@'))) throw new GraphInputError('At least one recipient is not valid.', 400, 'ErrorInvalidRecipients');
    const body = (message.body ?? {}) as Json;
    const headers = Array.isArray(message.internetMessageHeaders) ? (message.internetMessageHeaders as Json[]) : [];
    // Graph takes only custom headers, named X-...; anything else is refused.
    if (headers.some((h) => !/^x-/i.test(String(h?.name ?? '')))) throw new GraphInputError('Only custom headers that start with X- are allowed.', 400, 'InvalidInternetMessageHeader');
    const properties = Array.isArray(message.singleValueExtendedProperties) ? (message.singleValueExtendedProperties as Json[]) : [];
    const attachments = fileAttachments(message.attachments);
    this.mail.push({
      id: newEventId().replace(/^AAMkAGFha2U/, 'AAMkAGZha2VNYWls'),
      mailbox,
      subject: String(message.subject ?? ''),
      contentType: String(body.contentType ?? 'html'),
      body: String(body.content ?? ''),
      to,
      cc: addresses(message.ccRecipients),
      saveToSentItems: input.saveToSentItems !== false,
      sentDateTime: this.now().toISOString(),
      extendedProperties: Object.fromEntries(properties.map((p) => [String(p.id), String(p.value)])),
      headers: Object.fromEntries(headers.map((h) => [String(h.name), String(h.value)])),
      attachments,
    });
    return { status: 202 };
  }

  /**
   * `GET /users/{mailbox}/mailFolders/{folder}/messages`, for the Sent Items folder: the copies of
   * sent mail. Like Graph, `$filter` takes an extended property (`singleValueExtendedProperties/
   * Any(ep: ep/id eq '…' and ep/value eq '…')`, the id's name case-sensitive, the value not) and
   * refuses `internetMessageHeaders`, which Graph cannot filter on.
   */
  sentItems(mailbox: string, folder: string, query: URLSearchParams): GraphAnswer {
    if (!same(folder, 'sentitems')) throw new GraphInputError(`The fake serves only the SentItems folder, not ${folder}.`, 404, 'ErrorItemNotFound');
    const filter = query.get('$filter');
    let match = (_m: FakeSentMail) => true;
    if (filter !== null) {
      const ep = /^singleValueExtendedProperties\/any\(\s*(\w+)\s*:\s*\1\/id eq '((?:[^']|'')*)' and \1\/value eq '((?:[^']|'')*)'\s*\)$/i.exec(filter.trim());
      if (!ep) throw new GraphInputError(`The fake does not support this $filter: ${filter}`, 400, 'ErrorInvalidUrlQueryFilter');
      const id = ep[2]!.replace(/''/g, "'");
      const value = ep[3]!.replace(/''/g, "'");
      match = (m) => Object.entries(m.extendedProperties).some(([k, v]) => sameExtendedPropertyId(k, id) && same(v, value));
    }
    const top = Math.max(1, Math.min(Number(query.get('$top') ?? 10) || 10, 1000));
    const select = query.get('$select')?.split(',');
    const value = this.mail
      .filter((m) => m.saveToSentItems && same(m.mailbox, mailbox) && match(m))
      .sort((a, b) => b.sentDateTime.localeCompare(a.sentDateTime))
      .slice(0, top)
      .map((m) => renderMessage(m, select));
    return { status: 200, body: { value } };
  }

  private find(mailbox: string, id: string): FakeEvent {
    if (!id.startsWith('AAMk')) throw new GraphInputError('Id is malformed.', 400, 'ErrorInvalidIdMalformed');
    const event = this.all.get(id);
    if (!event || !same(event.mailbox, mailbox)) throw notFound();
    return event;
  }

  private touch(event: FakeEvent): void {
    event.lastModifiedDateTime = this.now().toISOString();
    event.changeKey = newChangeKey();
  }

  private insert(mailbox: string, fields: Partial<FakeEvent> & Pick<FakeEvent, 'subject' | 'start' | 'end'>): FakeEvent {
    const stamp = this.now().toISOString();
    const event: FakeEvent = {
      id: newEventId(),
      mailbox,
      body: '',
      location: '',
      attendees: [],
      showAs: 'busy',
      isCancelled: false,
      allowNewTimeProposals: true,
      isOnlineMeeting: false,
      extended: new Map(),
      createdDateTime: stamp,
      lastModifiedDateTime: stamp,
      changeKey: newChangeKey(),
      ...fields,
    };
    this.all.set(event.id, event);
    this.byStart.add(event);
    if (event.transactionId) this.byTransaction.set(transactionKey(mailbox, event.transactionId), event);
    return event;
  }
}

const transactionKey = (mailbox: string, transactionId: string) => `${mailbox.toLowerCase()}\n${transactionId}`;

/** Events sorted by start, with the longest duration seen, for overlap queries by binary search. */
class StartIndex {
  private sorted: FakeEvent[] = [];
  private longest = 0;

  clear(): void {
    this.sorted = [];
    this.longest = 0;
  }

  add(event: FakeEvent): void {
    this.sorted.splice(this.firstAtOrAfter(event.start.getTime()), 0, event);
    this.longest = Math.max(this.longest, event.end.getTime() - event.start.getTime());
  }

  remove(event: FakeEvent): void {
    const at = this.sorted.indexOf(event, this.firstAtOrAfter(event.start.getTime()));
    if (at >= 0) this.sorted.splice(at, 1);
  }

  /** Events overlapping [from, to): those starting before `to` and ending after `from`. */
  overlapping(from: Date, to: Date): FakeEvent[] {
    const hits: FakeEvent[] = [];
    for (let i = this.firstAtOrAfter(from.getTime() - this.longest); i < this.sorted.length; i++) {
      const e = this.sorted[i]!;
      if (e.start >= to) break;
      if (e.end > from) hits.push(e);
    }
    return hits;
  }

  private firstAtOrAfter(ms: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]!.start.getTime() < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function view(e: FakeEvent): FakeEventView {
  return {
    id: e.id,
    mailbox: e.mailbox,
    subject: e.subject,
    body: e.body,
    start: e.start.toISOString(),
    end: e.end.toISOString(),
    location: e.location,
    attendees: e.attendees.map((a) => ({ ...a })),
    showAs: e.showAs,
    isCancelled: e.isCancelled,
    allowNewTimeProposals: e.allowNewTimeProposals,
    isOnlineMeeting: e.isOnlineMeeting,
    ...(e.joinUrl ? { joinUrl: e.joinUrl } : {}),
    ...(e.transactionId ? { transactionId: e.transactionId } : {}),
    extendedProperties: Object.fromEntries(e.extended),
  };
}

/** An extended property id as Exchange compares them: the GUID and type in any case, the name exactly. */
function sameExtendedPropertyId(a: string, b: string): boolean {
  const split = (id: string) => /^(.*\bName\s+)(.*)$/i.exec(id) ?? [id, id, ''];
  const [, headA = '', nameA = ''] = split(a);
  const [, headB = '', nameB = ''] = split(b);
  return same(headA, headB) && nameA === nameB;
}

/**
 * A message's `attachments` as Graph checks them: each a `#microsoft.graph.fileAttachment` with a
 * name and base64 `contentBytes`; together at most what one `sendMail` takes inline (3 MB), else
 * 413 as Graph answers a request that is too large.
 */
function fileAttachments(list: unknown): FakeSentAttachment[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new GraphInputError('attachments must be an array.', 400, 'ErrorInvalidRequest');
  const attachments = (list as Json[]).map((a, i) => {
    if (a?.['@odata.type'] !== '#microsoft.graph.fileAttachment') throw new GraphInputError(`attachments[${i}]: @odata.type must be #microsoft.graph.fileAttachment.`, 400, 'ErrorInvalidRequest');
    const name = typeof a.name === 'string' ? a.name : '';
    if (!name.trim()) throw new GraphInputError(`attachments[${i}]: name is required.`, 400, 'ErrorInvalidRequest');
    const contentBytes = typeof a.contentBytes === 'string' ? a.contentBytes : '';
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(contentBytes)) throw new GraphInputError(`attachments[${i}]: contentBytes is not base64.`, 400, 'ErrorInvalidRequest');
    return { name, contentType: typeof a.contentType === 'string' ? a.contentType : 'application/octet-stream', contentBytes, size: Buffer.from(contentBytes, 'base64').byteLength };
  });
  const total = attachments.reduce((sum, a) => sum + a.size, 0);
  if (total > fakeInlineAttachmentLimit) throw new GraphInputError(`The attachments (${total} bytes) exceed the ${fakeInlineAttachmentLimit} bytes a message takes inline.`, 413, 'ErrorMessageSizeExceeded');
  return attachments;
}

/** A sent message as Graph's `message` resource shows it (the fields the product reads). */
function renderMessage(m: FakeSentMail, select?: readonly string[]): Json {
  const all: Json = {
    id: m.id,
    subject: m.subject,
    sentDateTime: m.sentDateTime,
    toRecipients: m.to.map((address) => ({ emailAddress: { address } })),
    ccRecipients: m.cc.map((address) => ({ emailAddress: { address } })),
    hasAttachments: m.attachments.length > 0,
  };
  return select ? Object.fromEntries(Object.entries(all).filter(([k]) => k === 'id' || select.includes(k))) : all;
}
