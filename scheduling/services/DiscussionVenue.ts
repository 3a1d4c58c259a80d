import type { Actor } from '../model/Actor.js';
import type { Booking } from '../model/Booking.js';
import type { ConferenceMode, DiscussionPlace } from '../model/DiscussionPlace.js';
import type { Calendar } from '../ports/Calendar.js';
import type { CardPostings } from '../ports/CardPostings.js';
import type { Clock } from '../ports/Clock.js';
import type { JobData, JobHandlers, Jobs } from '../ports/Jobs.js';
import type { MeetingChats } from '../ports/MeetingChats.js';
import type { Notifier } from '../ports/Notifier.js';
import type { SlotLedger } from '../ports/SlotLedger.js';
import { agendaPostTime } from '../rules/agendaPostTime.js';
import { meetingChatId } from '../rules/meetingChatId.js';

/** The job that puts a booked discussion's agenda on screen before its slot (name kept with waiting jobs: keep it stable). */
export const AGENDA_LEAD_JOB = 'discussion.agenda';

/** Who the audit trail names for cards the desk posts by itself. */
const desk: Actor = { id: 'system:discussion', name: 'Strategy Desk discussion' };

export interface DiscussionVenueDeps {
  readonly slots: SlotLedger;
  readonly postings: CardPostings;
  readonly jobs: Jobs;
  readonly notifier: Notifier;
  readonly clock: Clock;
  /** Reads an event's join URL when its booking was kept without one (Teams meeting mode). */
  readonly calendar: Pick<Calendar, 'getEvent'>;
  /** Teams meeting mode only: installs the bot into a meeting's chat. */
  readonly meetingChats?: MeetingChats;
  readonly settings: {
    /** CONFERENCE_MODE. */
    readonly mode: ConferenceMode;
    /** AGENDA_LEAD_MINUTES: how long before the slot the agenda goes up. */
    readonly agendaLeadMinutes: number;
  };
}

/**
 * The job's key: the request and the slot's start, so a booking that moves gets a job of its own
 * and the old one, if it still runs, finds the slot gone and does nothing.
 */
const keyOf = (booking: Pick<Booking, 'requestId' | 'start'>) => `${booking.requestId}@${booking.start.toISOString()}`;

const text = (data: JobData, name: string): string => {
  const value = data[name];
  if (typeof value !== 'string' || !value) throw new Error(`${AGENDA_LEAD_JOB}: job data has no ${name}`);
  return value;
};

/**
 * Where and when a booked discussion happens on screen: at AGENDA_LEAD_MINUTES before the slot a
 * durable job posts the discussion's cards (the agenda; the action plan joins it) - on the
 * conference line (CONFERENCE_MODE=dial-in) into the requester's personal chat with the bot; in
 * Teams meeting mode into the meeting's own chat, after installing the bot there through Graph,
 * so everyone on the call works from the same cards. The posting is recorded like any card about
 * the case, so card refreshes reach it, and in a meeting chat its members may act on the case.
 * The job follows the booking: kept when a slot is booked, moved with it (a longer slot, the
 * next slot, a move by hand in Outlook), dropped when it is cancelled or deleted.
 * Rule: issue 9 "Where the discussion happens".
 */
export class DiscussionVenue {
  constructor(private readonly deps: DiscussionVenueDeps) {}

  handlers(): JobHandlers {
    return { [AGENDA_LEAD_JOB]: (data) => this.postAgenda(text(data, 'requestId'), text(data, 'start')) };
  }

  /** A slot is booked (or booked again after a crash): its agenda job is kept, once. Nothing for a slot that has ended. */
  async slotBooked(booking: Booking): Promise<void> {
    const { jobs, clock, settings } = this.deps;
    if (booking.status !== 'booked') return;
    const runAt = agendaPostTime(booking, settings.agendaLeadMinutes, clock.now());
    if (!runAt) return;
    await jobs.schedule(AGENDA_LEAD_JOB, { requestId: booking.requestId, start: booking.start.toISOString() }, { key: keyOf(booking), runAt });
  }

  /** The slot is cancelled or deleted: its agenda job goes. */
  slotDropped(booking: Pick<Booking, 'requestId' | 'start'>): Promise<void> {
    return this.deps.jobs.cancel(AGENDA_LEAD_JOB, keyOf(booking));
  }

  /** The discussion moved from `before` to `after` (same request): the job follows it. */
  async slotMoved(before: Pick<Booking, 'requestId' | 'start'>, after: Booking): Promise<void> {
    if (keyOf(before) !== keyOf(after)) await this.slotDropped(before);
    await this.slotBooked(after);
  }

  /**
   * The job: posts the agenda where the discussion happens, if the request's slot is still the
   * one the job was kept for and has not ended. Throws (the job is kept for a retry) when the bot
   * cannot reach the conversation yet or Graph fails.
   */
  private async postAgenda(requestId: string, start: string): Promise<void> {
    const { slots, postings, notifier, clock } = this.deps;
    const booking = await slots.currentBookingFor(requestId);
    // Cancelled, or moved since: the slot it moved to has its own job.
    if (!booking || booking.status !== 'booked' || booking.start.toISOString() !== start) return;
    if (booking.end.getTime() <= clock.now().getTime()) return;
    const place = await this.placeOf(booking);
    const posted = await notifier.postDiscussion(requestId, place);
    if (posted.delivery === 'no-conversation') throw new Error(`${AGENDA_LEAD_JOB}: the bot cannot reach the conversation of request ${requestId} yet: kept for a retry`);
    for (const card of posted.cards) await postings.recordCardPosting({ requestId, ...card }, desk, clock.now());
  }

  /**
   * The meeting's chat in Teams meeting mode, with the bot installed there; otherwise (the
   * conference line, or a meeting whose join URL names no chat) the requester's personal chat.
   */
  private async placeOf(booking: Booking): Promise<DiscussionPlace> {
    const { settings, meetingChats, calendar } = this.deps;
    if (settings.mode !== 'teams' || !meetingChats) return { kind: 'requesterChat' };
    const joinUrl = booking.joinUrl ?? (booking.eventId ? (await calendar.getEvent(booking.eventId))?.joinUrl : undefined);
    const chatId = joinUrl ? meetingChatId(joinUrl) : undefined;
    if (!chatId) return { kind: 'requesterChat' };
    await meetingChats.installBot(chatId);
    return { kind: 'meetingChat', chatId };
  }
}
