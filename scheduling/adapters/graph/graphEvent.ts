import type { Attendee, AttendeeResponse, CalendarEntry, ConferenceEvent } from '../../model/ConferenceEvent.js';
import { bookingIdPropertyId } from './bookingIdProperty.js';
import { fromGraphDateTime, toGraphDateTime, type GraphDateTime } from './graphDateTime.js';

/** The part of Graph's `event` resource we read. */
export interface GraphEvent {
  readonly id: string;
  readonly subject?: string | null;
  readonly start: GraphDateTime;
  readonly end: GraphDateTime;
  readonly showAs?: string | null;
  readonly isCancelled?: boolean | null;
  readonly attendees?: ReadonlyArray<{
    readonly type?: string | null;
    readonly status?: { readonly response?: string | null; readonly time?: string | null } | null;
    readonly emailAddress?: { readonly address?: string | null; readonly name?: string | null } | null;
  }> | null;
  readonly singleValueExtendedProperties?: ReadonlyArray<{ readonly id: string; readonly value: string }> | null;
  /** A Teams meeting's details (Graph fills it when the event was created with `isOnlineMeeting`). */
  readonly onlineMeeting?: { readonly joinUrl?: string | null } | null;
}

/** The fields `GraphEvent` needs, for `$select`. */
export const selectedFields = ['id', 'subject', 'start', 'end', 'showAs', 'isCancelled', 'attendees', 'onlineMeeting'];

const responses: ReadonlySet<string> = new Set<AttendeeResponse>(['none', 'organizer', 'tentativelyAccepted', 'accepted', 'declined', 'notResponded']);

/**
 * When an attendee answered: Graph's `status.time`, which reads `0001-01-01T00:00:00Z` until they do.
 * @example
 * replyTime('2026-11-24T14:02:00Z') //=> 2026-11-24T14:02:00.000Z
 * replyTime('0001-01-01T00:00:00Z') //=> undefined
 */
export function replyTime(time: string | null | undefined): Date | undefined {
  if (!time) return undefined;
  const at = new Date(time);
  return Number.isNaN(at.getTime()) || at.getUTCFullYear() < 1900 ? undefined : at;
}

/** Whether an event takes the time: anything not shown as free and not cancelled. */
export const isBusy = (e: GraphEvent) => e.showAs !== 'free' && e.isCancelled !== true;

/** Graph's event as a calendar entry; the booking id comes from our extended property. */
export function toCalendarEntry(e: GraphEvent): CalendarEntry {
  const marker = e.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === bookingIdPropertyId.toLowerCase());
  return {
    id: e.id,
    start: fromGraphDateTime(e.start),
    end: fromGraphDateTime(e.end),
    ...(marker ? { bookingId: marker.value } : {}),
    subject: e.subject ?? '',
    cancelled: e.isCancelled === true,
    ...(e.onlineMeeting?.joinUrl ? { joinUrl: e.onlineMeeting.joinUrl } : {}),
    attendees: (e.attendees ?? [])
      .filter((a) => a.emailAddress?.address)
      .map((a) => ({
        address: a.emailAddress!.address!,
        ...(a.emailAddress?.name ? { name: a.emailAddress.name } : {}),
        // A resource (a room) is not someone whose presence we count.
        type: a.type === 'required' ? ('required' as const) : ('optional' as const),
        response: responses.has(a.status?.response ?? '') ? (a.status!.response as AttendeeResponse) : 'none',
        ...withReplyTime(a.status?.time),
      })),
  };
}

const withReplyTime = (time: string | null | undefined) => {
  const at = replyTime(time);
  return at ? { respondedAt: at } : {};
};

const attendeesJson = (attendees: readonly Attendee[]) =>
  attendees.map((a) => ({ emailAddress: { address: a.address, ...(a.name ? { name: a.name } : {}) }, type: a.type }));

type Change = Partial<Pick<ConferenceEvent, 'subject' | 'start' | 'end' | 'body' | 'location' | 'attendees'>>;

/** The PATCH body for the fields a change names; UTC throughout. */
export function toGraphChange(change: Change): Record<string, unknown> {
  return {
    ...(change.subject !== undefined ? { subject: change.subject } : {}),
    ...(change.body !== undefined ? { body: { contentType: 'text', content: change.body } } : {}),
    ...(change.start ? { start: toGraphDateTime(change.start) } : {}),
    ...(change.end ? { end: toGraphDateTime(change.end) } : {}),
    ...(change.location !== undefined ? { location: { displayName: change.location } } : {}),
    ...(change.attendees ? { attendees: attendeesJson(change.attendees) } : {}),
  };
}

/**
 * The POST body for a new conference event: a meeting with invites, shown busy, no new-time
 * proposals (the rota fixes slots). On the conference line (the default) it has no Teams link:
 * people join by the area's dial-in details in its body. In Teams meeting mode it is created as
 * a Teams meeting (`isOnlineMeeting`, `teamsForBusiness`): Graph adds the join link to the invite
 * and gives back `onlineMeeting.joinUrl`.
 */
export function toGraphEvent(event: ConferenceEvent, transactionId: string): Record<string, unknown> {
  return {
    ...toGraphChange(event),
    ...(event.teamsMeeting ? { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' } : { isOnlineMeeting: false }),
    showAs: 'busy',
    allowNewTimeProposals: false,
    responseRequested: true,
    transactionId,
    ...(event.bookingId ? { singleValueExtendedProperties: [{ id: bookingIdPropertyId, value: event.bookingId }] } : {}),
  };
}
