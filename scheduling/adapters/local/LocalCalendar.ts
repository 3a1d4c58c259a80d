import { randomUUID } from 'node:crypto';
import type { Calendar } from '../../ports/Calendar.js';
import type { HandEdits } from '../../ports/HandEdits.js';
import type { Attendee, AttendeeResponse, AttendeeStatus, CalendarEntry, ConferenceEvent, EventRef } from '../../model/ConferenceEvent.js';
import type { Db } from '../pg/Db.js';

type ShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere';
/** An attendee as the jsonb column keeps them: the reply time as ISO text. */
type StoredAttendee = Attendee & { response: AttendeeResponse; respondedAt?: string };

interface EventRow {
  id: string;
  subject: string;
  start_at: Date;
  end_at: Date;
  booking_id: string | null;
  cancelled: boolean;
  attendees: StoredAttendee[];
}

function toStatus({ respondedAt, ...attendee }: StoredAttendee): AttendeeStatus {
  return { ...attendee, ...(respondedAt ? { respondedAt: new Date(respondedAt) } : {}) };
}

function toEntry(row: EventRow): CalendarEntry {
  return {
    id: row.id,
    subject: row.subject,
    start: new Date(row.start_at),
    end: new Date(row.end_at),
    ...(row.booking_id ? { bookingId: row.booking_id } : {}),
    attendees: row.attendees.map(toStatus),
    cancelled: row.cancelled,
  };
}

const invited = (attendees: readonly Attendee[]): StoredAttendee[] => attendees.map((a) => ({ ...a, response: 'none' }));

/**
 * The shared Strategy Meeting calendar kept in the store (CALENDAR_BACKEND=local): what runs
 * with no Microsoft 365 tenant. Behaves as `GraphCalendar` does (same contract tests): events
 * shown as free and cancelled events do not make time busy, a transactionId is created once.
 */
export class LocalCalendar implements Calendar, HandEdits {
  constructor(
    private readonly db: Db,
    private readonly calendarId: string,
  ) {}

  async busyBetween(from: Date, to: Date): Promise<readonly CalendarEntry[]> {
    const { rows } = await this.db.query<EventRow>(
      `select * from local_calendar_events
       where calendar_id = $1 and not cancelled and show_as <> 'free' and start_at < $3 and end_at > $2
       order by start_at, id`,
      [this.calendarId, from, to],
    );
    return rows.map(toEntry);
  }

  async eventsBetween(from: Date, to: Date): Promise<readonly CalendarEntry[]> {
    const { rows } = await this.db.query<EventRow>(
      'select * from local_calendar_events where calendar_id = $1 and start_at < $3 and end_at > $2 order by start_at, id',
      [this.calendarId, from, to],
    );
    return rows.map(toEntry);
  }

  async createEvent(event: ConferenceEvent, transactionId?: string): Promise<EventRef> {
    const { rows } = await this.db.query<{ id: string }>(
      `insert into local_calendar_events (id, calendar_id, subject, body, location, start_at, end_at, booking_id, transaction_id, attendees)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
       on conflict (calendar_id, transaction_id) do nothing returning id`,
      [randomUUID(), this.calendarId, event.subject, event.body, event.location, event.start, event.end, event.bookingId ?? null, transactionId ?? null, JSON.stringify(invited(event.attendees))],
    );
    if (rows[0]) return { id: rows[0].id };
    const first = await this.db.query<{ id: string }>('select id from local_calendar_events where calendar_id = $1 and transaction_id = $2', [this.calendarId, transactionId]);
    return { id: first.rows[0]!.id };
  }

  async updateEvent(id: string, change: Partial<Pick<ConferenceEvent, 'subject' | 'start' | 'end' | 'body' | 'location' | 'attendees'>>): Promise<void> {
    const { rowCount } = await this.db.query(
      `update local_calendar_events set
         subject = coalesce($3, subject), start_at = coalesce($4, start_at), end_at = coalesce($5, end_at),
         body = coalesce($6, body), location = coalesce($7, location), attendees = coalesce($8::jsonb, attendees)
       where calendar_id = $1 and id = $2`,
      [this.calendarId, id, change.subject ?? null, change.start ?? null, change.end ?? null, change.body ?? null, change.location ?? null, change.attendees ? JSON.stringify(invited(change.attendees)) : null],
    );
    if (rowCount === 0) throw new Error(`calendar event ${id} not found`);
  }

  async cancelEvent(id: string): Promise<void> {
    await this.db.query('update local_calendar_events set cancelled = true where calendar_id = $1 and id = $2', [this.calendarId, id]);
  }

  async getEvent(id: string): Promise<CalendarEntry | undefined> {
    const { rows } = await this.db.query<EventRow>('select * from local_calendar_events where calendar_id = $1 and id = $2', [this.calendarId, id]);
    return rows[0] && toEntry(rows[0]);
  }

  /** An event typed into the calendar by a person (`npm run calendar -- --add`), not by the bot. */
  async addHandMadeEvent(event: { subject: string; start: Date; end: Date; showAs?: ShowAs }): Promise<EventRef> {
    const id = randomUUID();
    await this.db.query(
      'insert into local_calendar_events (id, calendar_id, subject, start_at, end_at, show_as) values ($1, $2, $3, $4, $5, $6)',
      [id, this.calendarId, event.subject, event.start, event.end, event.showAs ?? 'busy'],
    );
    return { id };
  }

  async answerInvite(eventId: string, reply: { readonly address: string; readonly name?: string; readonly response: AttendeeResponse }, at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<EventRow>('select * from local_calendar_events where calendar_id = $1 and id = $2 for update', [this.calendarId, eventId]);
      const event = rows[0];
      if (!event || event.cancelled) throw new Error(`calendar event ${eventId} not found`);
      const lower = reply.address.toLowerCase();
      const answered = { response: reply.response, respondedAt: at.toISOString() };
      const known = event.attendees.some((a) => a.address.toLowerCase() === lower);
      const attendees = known
        ? event.attendees.map((a) => (a.address.toLowerCase() === lower ? { ...a, ...(reply.name ? { name: reply.name } : {}), ...answered } : a))
        : [...event.attendees, { address: reply.address, ...(reply.name ? { name: reply.name } : {}), type: 'optional' as const, ...answered }];
      await tx.query('update local_calendar_events set attendees = $3::jsonb where calendar_id = $1 and id = $2', [this.calendarId, eventId, JSON.stringify(attendees)]);
    });
  }

  async moveByHand(eventId: string, start: Date, end: Date): Promise<void> {
    const event = await this.getEvent(eventId);
    if (!event) throw new Error(`calendar event ${eventId} not found`);
    // Exchange asks everyone to reply again when a meeting moves.
    const attendees = event.attendees.map(({ address, name, type }) => ({ address, ...(name ? { name } : {}), type, response: 'none' }));
    await this.db.query('update local_calendar_events set start_at = $3, end_at = $4, attendees = $5::jsonb where calendar_id = $1 and id = $2', [this.calendarId, eventId, start, end, JSON.stringify(attendees)]);
  }

  async deleteByHand(eventId: string): Promise<void> {
    await this.db.query('delete from local_calendar_events where calendar_id = $1 and id = $2', [this.calendarId, eventId]);
  }
}
