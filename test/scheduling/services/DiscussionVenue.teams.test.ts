import { describe, expect, it } from 'vitest';
import type { Booking } from '../../../scheduling/model/Booking.js';
import type { CardPosting } from '../../../scheduling/model/CardPosting.js';
import type { CalendarEntry } from '../../../scheduling/model/ConferenceEvent.js';
import type { SlotLedger } from '../../../scheduling/ports/SlotLedger.js';
import { AGENDA_LEAD_JOB, DiscussionVenue } from '../../../scheduling/services/DiscussionVenue.js';
import { ManualClock } from '../../fakes/ManualClock.js';
import { ManualJobs } from '../../fakes/ManualJobs.js';
import { RecordingNotifier } from '../../fakes/RecordingNotifier.js';

const classicJoinUrl = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NDQ4MGRhYjgtMzc5MS00ZWMx%40thread.v2/0?context=%7b%22Tid%22%3a%22t%22%7d';
const chatId = '19:meeting_NDQ4MGRhYjgtMzc5MS00ZWMx@thread.v2';

const booked = (change: Partial<Booking> = {}): Booking => ({
  id: 'b1',
  requestId: 'r1',
  calendarId: 'strategy.meetings@example.org',
  status: 'booked',
  transactionId: 'b1',
  eventId: 'event-1',
  start: new Date('2026-11-25T10:00:00Z'),
  end: new Date('2026-11-25T10:15:00Z'),
  createdAt: new Date('2026-11-23T10:00:00Z'),
  updatedAt: new Date('2026-11-23T10:00:00Z'),
  ...change,
});

/** DiscussionVenue in Teams meeting mode over small in-memory stand-ins. */
function teamsVenue(booking: Booking, event?: Partial<CalendarEntry>, failInstall?: Error) {
  const clock = new ManualClock('2026-11-23T10:00:00Z');
  const jobs = new ManualJobs(clock);
  const notifier = new RecordingNotifier();
  const installs: string[] = [];
  const posted: CardPosting[] = [];
  const venue = new DiscussionVenue({
    slots: { currentBookingFor: async () => booking } as unknown as SlotLedger,
    postings: { recordCardPosting: async (p) => void posted.push(p), cardPostingsOf: async () => posted },
    jobs,
    notifier,
    clock,
    calendar: { getEvent: async () => (event ? ({ id: 'event-1', ...event } as CalendarEntry) : undefined) },
    meetingChats: {
      installBot: async (id) => {
        if (failInstall) throw failInstall;
        installs.push(id);
      },
    },
    settings: { mode: 'teams', agendaLeadMinutes: 5 },
  });
  jobs.work(venue.handlers());
  return { venue, jobs, notifier, installs, posted, clock };
}

describe('DiscussionVenue in Teams meeting mode', () => {
  it("installs the bot into the chat named by the booking's join URL and posts there", async () => {
    const t = teamsVenue(booked({ joinUrl: classicJoinUrl }));
    await t.venue.slotBooked(booked({ joinUrl: classicJoinUrl }));
    expect(t.jobs.pending().map((j) => [j.name, j.runAt.toISOString(), j.data])).toEqual([[AGENDA_LEAD_JOB, '2026-11-25T09:55:00.000Z', { requestId: 'r1', start: '2026-11-25T10:00:00.000Z' }]]);
    await t.jobs.advance(new Date('2026-11-25T09:55:00Z').getTime() - t.clock.now().getTime(), 5 * 60_000);
    expect(t.installs).toEqual([chatId]);
    expect(t.notifier.discussions.map((d) => d.place)).toEqual([{ kind: 'meetingChat', chatId }]);
    expect(t.posted).toEqual([{ requestId: 'r1', conversationId: chatId, conversationType: 'groupChat', activityId: 'agenda-1', card: 'agenda' }]);
  });

  it('reads the join URL from the event when the booking was kept without one', async () => {
    const t = teamsVenue(booked(), { joinUrl: classicJoinUrl });
    await t.venue.slotBooked(booked());
    t.clock.set('2026-11-25T09:55:00Z');
    await t.jobs.runDue();
    expect(t.installs).toEqual([chatId]);
    expect(t.notifier.discussions.map((d) => d.place)).toEqual([{ kind: 'meetingChat', chatId }]);
  });

  it("posts into the requester's chat, installing nothing, when the join URL names no chat (a short /meet/ link)", async () => {
    const t = teamsVenue(booked({ joinUrl: 'https://teams.microsoft.com/meet/3812345678901?p=AbCdEf' }));
    await t.venue.slotBooked(booked());
    t.clock.set('2026-11-25T09:55:00Z');
    await t.jobs.runDue();
    expect(t.installs).toEqual([]);
    expect(t.notifier.discussions.map((d) => d.place)).toEqual([{ kind: 'requesterChat' }]);
  });

  it('keeps the job when Graph refuses the install, and posts nothing meanwhile', async () => {
    const t = teamsVenue(booked({ joinUrl: classicJoinUrl }), undefined, Object.assign(new Error('Forbidden'), { statusCode: 403 }));
    await t.venue.slotBooked(booked());
    t.clock.set('2026-11-25T09:55:00Z');
    await t.jobs.runDue();
    expect(t.jobs.failed.map((f) => f.name)).toEqual([AGENDA_LEAD_JOB]);
    expect(t.jobs.pending().map((j) => j.name)).toEqual([AGENDA_LEAD_JOB]);
    expect(t.notifier.discussions).toEqual([]);
  });
});
