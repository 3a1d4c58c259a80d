import { CALENDAR_SYNC_JOB } from './calendarSyncJob.js';
import type { Actor } from '../model/Actor.js';
import type { Booking } from '../model/Booking.js';
import type { AttendeeStatus, CalendarEntry } from '../model/ConferenceEvent.js';
import type { StoredRequest } from '../model/DiscussionRequest.js';
import type { Notice } from '../model/Notice.js';
import type { PlainDate } from '../model/PlainDate.js';
import type { ActionSource } from '../model/ActionSource.js';
import type { Rota } from '../model/Rota.js';
import type { CaseReply } from '../model/CaseReply.js';
import type { Calendar } from '../ports/Calendar.js';
import type { Clock } from '../ports/Clock.js';
import type { JobData, JobHandlers, Jobs } from '../ports/Jobs.js';
import type { Notifier } from '../ports/Notifier.js';
import type { ReplyLedger } from '../ports/ReplyLedger.js';
import type { RequestStore } from '../ports/RequestStore.js';
import type { SlotLedger } from '../ports/SlotLedger.js';
import { cellsCovering } from '../rules/cellsCovering.js';
import { handEditOf } from '../rules/handEditOf.js';
import { isPoliceAttendee, type Invited } from '../rules/isPoliceAttendee.js';
import { londonDateOf, londonInstant } from '../rules/londonTime.js';
import { newReplies } from '../rules/newReplies.js';
import { addDays, isPlainDate } from '../rules/PlainDate.js';
import { policeReplyDue } from '../rules/policeReplyDue.js';
import type { CaseAccess } from './CaseAccess.js';
import type { DiscussionVenue } from './DiscussionVenue.js';
import { ConflictError, NotFoundError } from './errors.js';

/** The jobs this service runs (names are stored with waiting jobs: keep them stable). */
export const replyJobs = {
  /** Reads the calendar for every day holding a future booking, then schedules the next poll. */
  poll: 'calendar.poll',
  /** Reads the calendar now: `{ day }` (a UK day), `{ eventId }` (one event's booking), or `{}` (every day). Change notifications trigger it. */
  sync: CALENDAR_SYNC_JOB,
  /** Tells the requester one thing the calendar showed (police.*, booking.*ByHand). */
  tell: 'replies.tell',
  /** Refreshes every card posted about a request. */
  refreshCards: 'replies.refreshCards',
  /** The reminder at 16:00 UK on the working day before the slot, if the police have not accepted. */
  noAnswer: 'replies.noAnswer',
} as const;

/** Key of the one waiting poll: a poll scheduled while one waits changes nothing. */
const pollKey = 'calendar';

/** Who the audit trail names for what the calendar showed. */
const follower: Actor = { id: 'system:calendar', name: 'Strategy Desk calendar follower' };

/** What one read of the calendar found. Ids only. */
export interface SyncReport {
  /** Day windows read (one calendar read each). */
  readonly days: number;
  /** Bookings compared with their events. */
  readonly bookings: number;
  /** Bookings with a new answer from any attendee. */
  readonly answered: readonly string[];
  readonly moved: readonly string[];
  readonly deleted: readonly string[];
  /** Bookings that could not be followed this time (their day could not be read, or a step failed): left for the next read. */
  readonly failed: readonly string[];
}

export interface ReplyTrackerDeps {
  readonly slots: SlotLedger;
  readonly requests: RequestStore;
  readonly replies: ReplyLedger;
  readonly calendar: Calendar;
  readonly jobs: Jobs;
  readonly notifier: Notifier;
  readonly access: CaseAccess;
  readonly clock: Clock;
  readonly rota: Rota;
  readonly nonWorking: ReadonlySet<PlainDate>;
  /** Keeps the agenda's job in step with a slot moved or deleted by hand. */
  readonly venue?: Pick<DiscussionVenue, 'slotDropped' | 'slotMoved'>;
  readonly settings: {
    readonly policeReferralAddress: string;
    /** Seconds between two polls of the calendar (CALENDAR_POLL_SECONDS). */
    readonly pollSeconds: number;
  };
}

type Live = { readonly booking: Booking; readonly request: StoredRequest };

const invitedBy = (request: StoredRequest, policeReferralAddress: string): Invited => ({
  policeReferralAddress,
  invitees: request.invitees,
  ...(request.managerEmail ? { managerEmail: request.managerEmail } : {}),
});

const sameAttendees = (a: readonly AttendeeStatus[], b: readonly AttendeeStatus[]) =>
  a.length === b.length &&
  a.every((x, i) => {
    const y = b[i]!;
    return x.address === y.address && x.name === y.name && x.type === y.type && x.response === y.response && x.respondedAt?.getTime() === y.respondedAt?.getTime();
  });

const text = (data: JobData, name: string): string => {
  const value = data[name];
  if (typeof value !== 'string' || !value) throw new Error(`job data has no ${name}`);
  return value;
};

/**
 * Follows the shared calendar for our booked slots: the police's replies to the invite (the
 * referral unit, or a detective sergeant the invite was forwarded to), and people's own edits in
 * Outlook (a move, a shortening, a deletion), which the booking follows - never the other way.
 * Each day holding future bookings is read once per pass (one calendar read per day window), and
 * each booking is handled on its own: one that fails is left for the next pass.
 * What it tells people goes through jobs (kept until delivered: a manager the bot cannot reach yet
 * is tried again later). Rule: issue 8 "The police's reply to the invite".
 */
export class ReplyTracker {
  constructor(private readonly deps: ReplyTrackerDeps) {}

  /** The job handlers, by name, for the wiring to register. */
  handlers(): JobHandlers {
    return {
      [replyJobs.poll]: async () => {
        try {
          await this.sync();
        } finally {
          await this.schedulePoll();
        }
      },
      [replyJobs.sync]: async (data) => {
        const day = typeof data.day === 'string' ? data.day : undefined;
        if (day !== undefined && !isPlainDate(day)) throw new Error(`calendar.sync: day "${day}" is not YYYY-MM-DD`);
        const eventId = typeof data.eventId === 'string' && data.eventId ? data.eventId : undefined;
        await this.sync({ ...(day ? { day } : {}), ...(eventId ? { eventId } : {}) });
      },
      [replyJobs.tell]: (data) => this.tellNow(data),
      [replyJobs.refreshCards]: (data) => this.deps.notifier.refreshCards(text(data, 'requestId')),
      [replyJobs.noAnswer]: (data) => this.remindIfNoAnswer(text(data, 'bookingId'), text(data, 'start')),
    };
  }

  /** Keeps the next poll `CALENDAR_POLL_SECONDS` from now (once: a poll already waiting stays as it is). */
  schedulePoll(): Promise<void> {
    const { jobs, clock, settings } = this.deps;
    return jobs.schedule(replyJobs.poll, {}, { runAt: new Date(clock.now().getTime() + settings.pollSeconds * 1000), key: pollKey });
  }

  /**
   * Reads the calendar and follows what changed for our future booked slots: every day holding
   * one (or only `day`, or only the booking of `eventId`).
   */
  async sync(scope: { readonly day?: PlainDate; readonly eventId?: string } = {}): Promise<SyncReport> {
    const { slots, calendar, clock } = this.deps;
    const now = clock.now();
    const live = (await slots.listBookings({ statuses: ['booked'], from: now })).filter(
      ({ booking }) => booking.eventId && (!scope.eventId || booking.eventId === scope.eventId) && (!scope.day || londonDateOf(booking.start) === scope.day),
    );
    const byDay = new Map<PlainDate, Live[]>();
    for (const one of live) {
      const day = londonDateOf(one.booking.start);
      byDay.set(day, [...(byDay.get(day) ?? []), one]);
    }
    const report = { days: byDay.size, bookings: live.length, answered: [] as string[], moved: [] as string[], deleted: [] as string[], failed: [] as string[] };
    for (const [day, ofDay] of byDay) {
      let events: readonly CalendarEntry[];
      try {
        events = await calendar.eventsBetween(londonInstant(day, '00:00'), londonInstant(addDays(day, 1), '00:00'));
      } catch {
        report.failed.push(...ofDay.map(({ booking }) => booking.id));
        continue;
      }
      for (const one of ofDay) {
        try {
          await this.follow(one, events.find((e) => e.id === one.booking.eventId), report);
        } catch {
          report.failed.push(one.booking.id);
        }
      }
    }
    return report;
  }

  /**
   * The manager keeps the slot the police declined: recorded, audited, and the desk stops asking
   * (no reminder, no further decline notice for it).
   * @throws NotFoundError, NotPermittedError (audited), ConflictError for a cancelled booking.
   */
  async keep(bookingId: string, actor: Actor, from: ActionSource): Promise<Live> {
    const { slots, requests, replies, access, jobs, clock } = this.deps;
    const booking = await slots.getBooking(bookingId);
    if (!booking) throw new NotFoundError('booking', bookingId);
    const request = await requests.getRequest(booking.requestId);
    if (!request) throw new NotFoundError('request', booking.requestId);
    await access.check(request, actor, from, 'booking.keep', { entity: 'booking', id: bookingId });
    if (booking.status === 'cancelled') throw new ConflictError('a cancelled booking cannot be kept');
    await replies.keepSlot(bookingId, actor, clock.now());
    await jobs.cancel(replyJobs.noAnswer, reminderKey(booking));
    return { booking, request };
  }

  /** Every attendee of the booking's event as last seen, with their reply and whether they answer for the police. */
  async repliesFor(booking: Booking, request: StoredRequest): Promise<readonly CaseReply[]> {
    const seen = await this.deps.replies.lastSeen(booking.id);
    const invited = invitedBy(request, this.deps.settings.policeReferralAddress);
    return (seen?.attendees ?? []).map((a) => ({ ...a, police: isPoliceAttendee(a.address, invited) }));
  }

  /** One booking against its event as the calendar shows it (`inDay`: found in its day's window). */
  private async follow({ booking, request }: Live, inDay: CalendarEntry | undefined, report: { answered: string[]; moved: string[]; deleted: string[] }): Promise<void> {
    // Not in its day's window: moved to another day, or gone.
    const event = inDay ?? (await this.deps.calendar.getEvent(booking.eventId!));
    const edit = handEditOf(booking, event);
    if (edit?.kind === 'deleted' || !event) {
      if (await this.followDeletion(booking, request)) report.deleted.push(booking.id);
      return;
    }
    let current = booking;
    if (edit?.kind === 'moved') {
      const moved = await this.followMove(booking, request, edit);
      if (!moved) return;
      current = moved;
      report.moved.push(booking.id);
    }
    if (await this.followReplies(current, request, event.attendees)) report.answered.push(booking.id);
  }

  /** A person deleted the event: the booking is cancelled and its cells freed, the requester told. */
  private async followDeletion(booking: Booking, request: StoredRequest): Promise<boolean> {
    const { slots, jobs, clock } = this.deps;
    if (!(await this.stillAsRead(booking))) return false;
    await this.tell(request, { kind: 'booking.deletedByHand', bookingId: booking.id });
    await slots.cancelBooking(booking.id, follower, clock.now(), 'Deleted by hand in Outlook');
    await jobs.cancel(replyJobs.noAnswer, reminderKey(booking));
    await this.deps.venue?.slotDropped(booking);
    await this.refresh(request);
    return true;
  }

  /** A person moved or shortened the event: the booking and its cells follow it, the requester is told. */
  private async followMove(booking: Booking, request: StoredRequest, to: { start: Date; end: Date }): Promise<Booking | undefined> {
    const { slots, jobs, clock, rota } = this.deps;
    if (!(await this.stillAsRead(booking))) return undefined;
    await this.tell(request, { kind: 'booking.movedByHand', bookingId: booking.id, start: to.start.toISOString(), end: to.end.toISOString() });
    const { booking: moved } = await slots.followEvent(booking.id, to, cellsCovering(to, rota), follower, clock.now());
    await jobs.cancel(replyJobs.noAnswer, reminderKey(booking));
    await this.scheduleReminder(moved);
    await this.deps.venue?.slotMoved(booking, moved);
    await this.refresh(request);
    return moved;
  }

  /** Compares the attendees with what was last seen: tells new police answers, keeps what was seen. */
  private async followReplies(booking: Booking, request: StoredRequest, attendees: readonly AttendeeStatus[]): Promise<boolean> {
    const { replies, clock, settings } = this.deps;
    const seen = await replies.lastSeen(booking.id);
    if (!seen || seen.attendees.length === 0) await this.scheduleReminder(booking);
    if (seen && sameAttendees(seen.attendees, attendees)) return false;
    const answered = newReplies(seen?.attendees ?? [], attendees);
    const invited = invitedBy(request, settings.policeReferralAddress);
    for (const reply of answered.filter((a) => isPoliceAttendee(a.address, invited))) {
      // Told before it is recorded as seen: a crash in between tells it again rather than never.
      if (reply.response === 'accepted') await this.tellReply(request, booking, 'police.accepted', reply, clock.now());
      // Declined: at once, unless the manager already chose to keep the slot. Tentative waits for the reminder.
      if (reply.response === 'declined' && !seen?.keptAt) await this.tellReply(request, booking, 'police.declined', reply, clock.now());
    }
    await replies.recordSeen(booking.id, attendees, answered, follower, clock.now());
    if (answered.length > 0) await this.refresh(request);
    return answered.length > 0;
  }

  /** The reminder for the booking's slot as it stands, unless its time has passed already. */
  private async scheduleReminder(booking: Booking): Promise<void> {
    const { jobs, clock, nonWorking } = this.deps;
    const runAt = policeReplyDue(booking.start, nonWorking);
    if (runAt.getTime() <= clock.now().getTime()) return;
    await jobs.schedule(replyJobs.noAnswer, { bookingId: booking.id, start: booking.start.toISOString() }, { runAt, key: reminderKey(booking) });
  }

  /** 16:00 the working day before: tells the requester unless the police accepted or the slot was kept. */
  private async remindIfNoAnswer(bookingId: string, start: string): Promise<void> {
    const { slots, requests, replies, settings } = this.deps;
    const booking = await slots.getBooking(bookingId);
    // Cancelled, or moved since (its own reminder is scheduled for its new time).
    if (!booking || booking.status !== 'booked' || booking.start.toISOString() !== start) return;
    const request = await requests.getRequest(booking.requestId);
    if (!request) return;
    const seen = await replies.lastSeen(bookingId);
    if (seen?.keptAt) return;
    const invited = invitedBy(request, settings.policeReferralAddress);
    const police = (seen?.attendees ?? []).filter((a) => isPoliceAttendee(a.address, invited));
    if (police.some((a) => a.response === 'accepted')) return;
    const tentative = police.filter((a) => a.response === 'tentativelyAccepted').map((a) => ({ address: a.address, ...(a.name ? { name: a.name } : {}) }));
    await this.deliver(request, { kind: 'police.noAnswer', requestId: request.id, bookingId, nNumbers: request.nNumbers, start: booking.start, tentative });
  }

  private tellReply(request: StoredRequest, booking: Booking, kind: 'police.accepted' | 'police.declined', reply: AttendeeStatus, seenAt: Date): Promise<void> {
    const at = (reply.respondedAt ?? seenAt).toISOString();
    return this.tell(request, { kind, bookingId: booking.id, address: reply.address, ...(reply.name ? { name: reply.name } : {}), at }, `${booking.id}:${reply.address.toLowerCase()}:${reply.response}:${at}`);
  }

  /** Keeps a notice to the requester as a job (ids, times and the attendee's address only). */
  private tell(request: StoredRequest, data: JobData & { kind: string; bookingId: string }, key?: string): Promise<void> {
    return this.deps.jobs.schedule(replyJobs.tell, { ...data, requestId: request.id }, { key: key ?? `${data.bookingId}:${data.kind}:${String(data.start ?? '')}` });
  }

  private refresh(request: StoredRequest): Promise<void> {
    return this.deps.jobs.schedule(replyJobs.refreshCards, { requestId: request.id }, { key: request.id });
  }

  /** The `replies.tell` job: builds the notice from the store and tells the requester. */
  private async tellNow(data: JobData): Promise<void> {
    const { requests } = this.deps;
    const request = await requests.getRequest(text(data, 'requestId'));
    if (!request) return;
    const bookingId = text(data, 'bookingId');
    const base = { requestId: request.id, bookingId, nNumbers: request.nNumbers };
    const kind = text(data, 'kind');
    const attendee = () => ({ address: text(data, 'address'), ...(typeof data.name === 'string' && data.name ? { name: data.name } : {}) });
    let notice: Notice;
    if (kind === 'police.accepted' || kind === 'police.declined') notice = { kind, ...base, attendee: attendee(), at: new Date(text(data, 'at')) };
    else if (kind === 'booking.movedByHand') notice = { kind, ...base, start: new Date(text(data, 'start')), end: new Date(text(data, 'end')) };
    else if (kind === 'booking.deletedByHand') notice = { kind, ...base };
    else throw new Error(`replies.tell: unknown notice kind "${kind}"`);
    await this.deliver(request, notice);
  }

  /** Tells the requester; throws when the bot cannot reach them yet, so the job is kept and tried again. */
  private async deliver(request: StoredRequest, notice: Notice): Promise<void> {
    const delivery = await this.deps.notifier.tell(request.requestedBy.id, notice);
    if (delivery === 'no-conversation') throw new Error(`no conversation with the requester of request ${request.id} yet: ${notice.kind} kept for a retry`);
  }

  /** Whether the booking is still booked with the same event and times as read (not cancelled or moved by us meanwhile). */
  private async stillAsRead(booking: Booking): Promise<boolean> {
    const now = await this.deps.slots.getBooking(booking.id);
    return !!now && now.status === 'booked' && now.eventId === booking.eventId && now.start.getTime() === booking.start.getTime() && now.end.getTime() === booking.end.getTime();
  }
}

/** The key of a booking's reminder: its id and slot start, so a moved booking gets a reminder of its own. */
const reminderKey = (booking: Booking) => `${booking.id}@${booking.start.toISOString()}`;
