import { randomBytes } from 'node:crypto';
import { fromWallTime, ianaZone, toWallTime } from './zonedWallTime.js';

export type FakeResponse = 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded';
export type FakeShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';

export interface FakeAttendee {
  address: string;
  name: string;
  type: 'required' | 'optional' | 'resource';
  response: FakeResponse;
  respondedAt?: string;
}

/** One event in a fake mailbox, in the fake's own terms (instants, not Graph's wall times). */
export interface FakeEvent {
  readonly id: string;
  readonly mailbox: string;
  subject: string;
  body: string;
  start: Date;
  end: Date;
  location: string;
  attendees: FakeAttendee[];
  showAs: FakeShowAs;
  isCancelled: boolean;
  allowNewTimeProposals: boolean;
  isOnlineMeeting: boolean;
  /** A Teams meeting's join URL (created with `isOnlineMeeting` and `teamsForBusiness`). */
  joinUrl?: string;
  readonly transactionId?: string;
  /** Single-value extended properties, by id as it was written. */
  extended: Map<string, string>;
  readonly createdDateTime: string;
  lastModifiedDateTime: string;
  changeKey: string;
}

/** Graph ids are long URL-unsafe base64 strings; ours end in `=` too, so callers must encode them. */
export function newEventId(): string {
  return `AAMkAGFha2U${randomBytes(30).toString('base64').replace(/\//g, '-').replace(/\+/g, '_')}AAA=`;
}

export const newChangeKey = () => randomBytes(12).toString('base64');

/**
 * A Teams meeting's join URL shaped as Graph gives it in `onlineMeeting.joinUrl`: the meeting
 * chat's thread id (`19:meeting_<base64>@thread.v2`) URL-encoded in the path, then the tenant and
 * organiser in `context`.
 */
export function newJoinUrl(tenantId = '11111111-2222-3333-4444-555555555555'): string {
  const meeting = randomBytes(36).toString('base64').replace(/[+/=]/g, '');
  const context = encodeURIComponent(JSON.stringify({ Tid: tenantId, Oid: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' }));
  return `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${meeting}%40thread.v2/0?context=${context}`;
}

export class GraphInputError extends Error {
  constructor(message: string, readonly status = 400, readonly code = 'ErrorInvalidRequest') {
    super(message);
  }
}

interface DateTimeTimeZone {
  dateTime?: unknown;
  timeZone?: unknown;
}

/** Reads a `dateTimeTimeZone` from a request body into an instant. */
export function readDateTimeTimeZone(value: unknown, field: string): Date {
  const v = (value ?? {}) as DateTimeTimeZone;
  if (typeof v.dateTime !== 'string') throw new GraphInputError(`${field}.dateTime is required`, 400, 'ErrorInvalidParameter');
  const zone = ianaZone(typeof v.timeZone === 'string' ? v.timeZone : 'UTC');
  if (!zone) throw new GraphInputError(`${field}.timeZone is not a time zone`, 400, 'ErrorTimeZoneNotSupportedException');
  try {
    return fromWallTime(v.dateTime, zone);
  } catch {
    throw new GraphInputError(`${field}.dateTime is not a date and time`, 400, 'ErrorInvalidParameter');
  }
}

export interface RenderOptions {
  /** The zone from `Prefer: outlook.timezone`, or UTC. */
  readonly zone: string;
  readonly select?: readonly string[];
  /** Extended property ids asked for with `$expand=singleValueExtendedProperties($filter=id eq '...')`. */
  readonly expandIds?: readonly string[];
}

const attendeeJson = (a: FakeAttendee) => ({
  type: a.type,
  status: { response: a.response, time: a.respondedAt ?? '0001-01-01T00:00:00Z' },
  emailAddress: { name: a.name, address: a.address },
});

/** The event as Graph's JSON, with `$select` and `$expand` applied. */
export function renderEvent(e: FakeEvent, options: RenderOptions): Record<string, unknown> {
  const zone = ianaZone(options.zone) ?? 'UTC';
  const full: Record<string, unknown> = {
    '@odata.etag': `W/"${e.changeKey}"`,
    id: e.id,
    createdDateTime: e.createdDateTime,
    lastModifiedDateTime: e.lastModifiedDateTime,
    changeKey: e.changeKey,
    ...(e.transactionId ? { transactionId: e.transactionId } : {}),
    subject: e.subject,
    bodyPreview: e.body.slice(0, 255),
    body: { contentType: 'text', content: e.body },
    importance: 'normal',
    sensitivity: 'normal',
    isAllDay: false,
    isCancelled: e.isCancelled,
    isOrganizer: true,
    responseRequested: true,
    showAs: e.showAs,
    type: 'singleInstance',
    allowNewTimeProposals: e.allowNewTimeProposals,
    isOnlineMeeting: e.isOnlineMeeting,
    onlineMeetingProvider: e.joinUrl ? 'teamsForBusiness' : 'unknown',
    onlineMeeting: e.joinUrl ? { joinUrl: e.joinUrl, conferenceId: null, tollNumber: null } : null,
    start: { dateTime: toWallTime(e.start, zone), timeZone: options.zone },
    end: { dateTime: toWallTime(e.end, zone), timeZone: options.zone },
    location: { displayName: e.location, locationType: 'default', uniqueIdType: 'unknown' },
    locations: e.location ? [{ displayName: e.location, locationType: 'default' }] : [],
    attendees: e.attendees.map(attendeeJson),
    organizer: { emailAddress: { name: e.mailbox, address: e.mailbox } },
    responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
  };
  const wanted = options.select?.length ? new Set(['@odata.etag', 'id', ...options.select.map((s) => s.trim())]) : undefined;
  const out = wanted ? Object.fromEntries(Object.entries(full).filter(([k]) => wanted.has(k))) : full;
  if (options.expandIds?.length) {
    const asked = new Set(options.expandIds.map((id) => id.toLowerCase()));
    const found = [...e.extended].filter(([id]) => asked.has(id.toLowerCase())).map(([id, value]) => ({ id, value }));
    // Graph leaves the navigation property out when the filter matches nothing.
    if (found.length) out.singleValueExtendedProperties = found;
  }
  return out;
}

/** Ids named in `$expand=singleValueExtendedProperties($filter=id eq '...')` (or `or`-joined). */
export function expandedPropertyIds(expand: string | null): string[] | undefined {
  if (!expand) return undefined;
  const m = /singleValueExtendedProperties\(\$filter=(.*)\)/i.exec(expand);
  if (!m) return undefined;
  return [...m[1]!.matchAll(/id\s+eq\s+'([^']*)'/gi)].map((x) => x[1]!);
}
