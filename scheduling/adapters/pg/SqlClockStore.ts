import type { Actor } from '../../model/Actor.js';
import type { ClockId, ClockKind, Deadline, StatutoryClock } from '../../model/StatutoryClock.js';
import type { ClockStore } from '../../ports/ClockStore.js';
import type { Db } from './Db.js';
import { asDate, writeAudit } from './sqlRows.js';

interface ClockRow {
  request_id: string;
  kind: ClockKind;
  subject: string;
  owner_id: string;
  started_at: Date;
  due_at: Date;
  state: 'running' | 'stopped';
  stopped_at: Date | null;
  reminded_at: Date | null;
  overdue_at: Date | null;
}

function toClock(row: ClockRow): StatutoryClock {
  return {
    requestId: row.request_id,
    kind: row.kind,
    subject: row.subject,
    ownerId: row.owner_id,
    startedAt: asDate(row.started_at),
    due: asDate(row.due_at),
    state: row.state,
    ...(row.stopped_at ? { stoppedAt: asDate(row.stopped_at) } : {}),
    ...(row.reminded_at ? { remindedAt: asDate(row.reminded_at) } : {}),
    ...(row.overdue_at ? { overdueAt: asDate(row.overdue_at) } : {}),
  };
}

/** What the audit log keeps of a clock: kind, subject (an action id), instants; no name. */
const audited = (c: StatutoryClock) => ({ kind: c.kind, subject: c.subject, due: c.due.toISOString(), state: c.state });

const WHERE_ID = 'request_id = $1 and kind = $2 and subject = $3';
const idParams = (id: ClockId) => [id.requestId, id.kind, id.subject];

/** The statutory clocks over PGlite or PostgreSQL; starting and stopping audited on the request. */
export class SqlClockStore implements ClockStore {
  constructor(private readonly db: Db) {}

  async startClock(clock: Omit<StatutoryClock, 'state' | 'stoppedAt' | 'remindedAt' | 'overdueAt'>, actor: Actor): Promise<{ clock: StatutoryClock; started: boolean }> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query<ClockRow>(
        `insert into statutory_clocks (request_id, kind, subject, owner_id, started_at, due_at, state)
         values ($1, $2, $3, $4, $5, $6, 'running') on conflict do nothing returning *`,
        [clock.requestId, clock.kind, clock.subject, clock.ownerId, clock.startedAt, clock.due],
      );
      const row = inserted.rows[0];
      if (!row) {
        const kept = await tx.query<ClockRow>(`select * from statutory_clocks where ${WHERE_ID}`, idParams(clock));
        return { clock: toClock(kept.rows[0]!), started: false };
      }
      const started = toClock(row);
      await writeAudit(tx, { at: clock.startedAt, actor, action: 'clock.started', entity: 'request', entityId: clock.requestId, after: audited(started) });
      return { clock: started, started: true };
    });
  }

  async getClock(id: ClockId): Promise<StatutoryClock | undefined> {
    const { rows } = await this.db.query<ClockRow>(`select * from statutory_clocks where ${WHERE_ID}`, idParams(id));
    return rows[0] && toClock(rows[0]);
  }

  async stopClock(id: ClockId, at: Date, actor: Actor): Promise<StatutoryClock | undefined> {
    return this.db.transaction(async (tx) => {
      const updated = await tx.query<ClockRow>(`update statutory_clocks set state = 'stopped', stopped_at = $4 where ${WHERE_ID} and state = 'running' returning *`, [...idParams(id), at]);
      const row = updated.rows[0];
      if (!row) {
        const kept = await tx.query<ClockRow>(`select * from statutory_clocks where ${WHERE_ID}`, idParams(id));
        return kept.rows[0] && toClock(kept.rows[0]);
      }
      const stopped = toClock(row);
      await writeAudit(tx, { at, actor, action: 'clock.stopped', entity: 'request', entityId: id.requestId, after: audited(stopped) });
      return stopped;
    });
  }

  async markNoticeSent(id: ClockId, notice: 'reminded' | 'overdue', at: Date): Promise<void> {
    const column = notice === 'reminded' ? 'reminded_at' : 'overdue_at';
    await this.db.query(`update statutory_clocks set ${column} = coalesce(${column}, $4) where ${WHERE_ID}`, [...idParams(id), at]);
  }

  async runningClocksOf(ownerId: string): Promise<readonly Deadline[]> {
    const { rows } = await this.db.query<ClockRow & { n_numbers: string[] }>(
      `select c.*, r.n_numbers from statutory_clocks c join requests r on r.id = c.request_id
       where c.state = 'running' and (c.owner_id = $1 or r.requested_by_id = $1)
       order by c.due_at, c.request_id, c.kind, c.subject`,
      [ownerId],
    );
    return rows.map((row) => ({ ...toClock(row), nNumbers: row.n_numbers }));
  }
}
