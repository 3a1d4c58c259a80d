import type { Actor } from '../../model/Actor.js';
import type { AttendeeResponse, AttendeeStatus } from '../../model/ConferenceEvent.js';
import type { ReplyLedger, SeenEvent } from '../../ports/ReplyLedger.js';
import { asDate, json, writeAudit } from './sqlRows.js';
import type { Db } from './Db.js';

/** An attendee as the jsonb column keeps them: the reply time as ISO text. */
interface StoredAttendee {
  address: string;
  name?: string;
  type: 'required' | 'optional';
  response: AttendeeResponse;
  respondedAt?: string;
}

const stored = (a: AttendeeStatus): StoredAttendee => ({ address: a.address, ...(a.name ? { name: a.name } : {}), type: a.type, response: a.response, ...(a.respondedAt ? { respondedAt: a.respondedAt.toISOString() } : {}) });
const read = ({ respondedAt, ...a }: StoredAttendee): AttendeeStatus => ({ ...a, ...(respondedAt ? { respondedAt: new Date(respondedAt) } : {}) });

/**
 * The replies last seen on each booking's event, over PGlite or PostgreSQL (`booking_replies`).
 */
export class SqlReplyLedger implements ReplyLedger {
  constructor(private readonly db: Db) {}

  async lastSeen(bookingId: string): Promise<SeenEvent | undefined> {
    const { rows } = await this.db.query<{ attendees: StoredAttendee[]; seen_at: Date; kept_at: Date | null }>('select attendees, seen_at, kept_at from booking_replies where booking_id = $1', [bookingId]);
    const row = rows[0];
    return row && { attendees: row.attendees.map(read), seenAt: asDate(row.seen_at), ...(row.kept_at ? { keptAt: asDate(row.kept_at) } : {}) };
  }

  async recordSeen(bookingId: string, attendees: readonly AttendeeStatus[], answered: readonly AttendeeStatus[], actor: Actor, at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `insert into booking_replies (booking_id, attendees, seen_at) values ($1, $2::jsonb, $3)
         on conflict (booking_id) do update set attendees = excluded.attendees, seen_at = excluded.seen_at`,
        [bookingId, json(attendees.map(stored)), at],
      );
      for (const reply of answered) {
        await writeAudit(tx, { at, actor, action: 'invite.answered', entity: 'booking', entityId: bookingId, after: stored(reply) });
      }
    });
  }

  async keepSlot(bookingId: string, actor: Actor, at: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query(
        `insert into booking_replies (booking_id, seen_at, kept_at) values ($1, $2, $2)
         on conflict (booking_id) do update set kept_at = excluded.kept_at where booking_replies.kept_at is null
         returning booking_id`,
        [bookingId, at],
      );
      if (rows.length === 0) return false;
      await writeAudit(tx, { at, actor, action: 'booking.kept', entity: 'booking', entityId: bookingId, after: { keptAfterDecline: true } });
      return true;
    });
  }
}
