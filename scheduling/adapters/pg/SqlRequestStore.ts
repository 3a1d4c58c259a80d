import type { Actor } from '../../model/Actor.js';
import type { DiscussionRequest, Route, StoredRequest } from '../../model/DiscussionRequest.js';
import { auditedRequest, json, toRequest, writeAudit, type RequestRow } from './sqlRows.js';
import type { RequestStore } from '../../ports/RequestStore.js';
import type { Db } from './Db.js';

/**
 * Requests over PGlite or PostgreSQL: saved under their idempotency key, with their urgent-route stamps. Every change writes its audit row in the same transaction.
 */
export class SqlRequestStore implements RequestStore {
  constructor(private readonly db: Db) {}

  async saveRequest(request: DiscussionRequest & { id: string; idempotencyKey: string; route: Route }, actor: Actor, at: Date): Promise<{ request: StoredRequest; created: boolean }> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query<RequestRow>(
        `insert into requests (id, idempotency_key, route, n_numbers, child_surnames, manager_name, manager_role, manager_phone,
           manager_email, referred_at, urgent, longer_slot, reason, invitees, requested_by_id, requested_by_name, created_at)
         values ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14::jsonb, $15, $16, $17)
         on conflict (idempotency_key) do nothing
         returning *`,
        [
          request.id,
          request.idempotencyKey,
          request.route,
          json(request.nNumbers),
          request.childSurnames,
          request.managerName,
          request.managerRole,
          request.managerPhone,
          request.managerEmail ?? null,
          request.referredAt,
          json(request.urgent),
          request.longerSlot,
          request.reason ?? null,
          json(request.invitees),
          actor.id,
          actor.name,
          at,
        ],
      );
      const row = inserted.rows[0];
      if (!row) {
        const first = await tx.query<RequestRow>('select * from requests where idempotency_key = $1', [request.idempotencyKey]);
        return { request: toRequest(first.rows[0]!), created: false };
      }
      const saved = toRequest(row);
      await writeAudit(tx, { at, actor, action: 'request.created', entity: 'request', entityId: saved.id, after: auditedRequest(saved) });
      return { request: saved, created: true };
    });
  }

  async getRequest(id: string): Promise<StoredRequest | undefined> {
    const { rows } = await this.db.query<RequestRow>('select * from requests where id = $1', [id]);
    return rows[0] && toRequest(rows[0]);
  }

  async findRequestByKey(idempotencyKey: string): Promise<StoredRequest | undefined> {
    const { rows } = await this.db.query<RequestRow>('select * from requests where idempotency_key = $1', [idempotencyKey]);
    return rows[0] && toRequest(rows[0]);
  }

  async markUrgentSent(requestId: string, at: Date, actor: Actor): Promise<StoredRequest> {
    return this.stamp(requestId, 'urgent_sent_at', 'request.urgent-sent', at, actor);
  }

  async recordPoliceContact(requestId: string, at: Date, actor: Actor): Promise<StoredRequest> {
    return this.stamp(requestId, 'police_contact_at', 'request.police-contact', at, actor);
  }

  async markEscalated(requestId: string, at: Date, actor: Actor): Promise<StoredRequest> {
    return this.change(requestId, 'request.escalated', at, actor, (r) => (r.escalated_at || r.police_contact_at ? undefined : { sql: 'escalated_at = $2, escalation_level = 1', params: [at] }));
  }

  async recordEscalationAttempt(requestId: string, level: number, next: number, at: Date, actor: Actor): Promise<StoredRequest> {
    return this.change(requestId, 'request.escalation-not-reached', at, actor, (r) =>
      !r.escalated_at || r.police_contact_at || Number(r.escalation_level) !== level ? undefined : { sql: 'escalation_level = $2', params: [next] },
    );
  }

  async urgentRequestsUnsent(before: Date): Promise<readonly StoredRequest[]> {
    const { rows } = await this.db.query<RequestRow>(`select * from requests where route = 'urgent' and urgent_sent_at is null and created_at < $1 order by created_at`, [before]);
    return rows.map(toRequest);
  }

  /** Applies `update` (a SET clause and its parameters after the id) when it gives one, with its audit row. */
  private async change(requestId: string, action: string, at: Date, actor: Actor, update: (row: RequestRow) => { sql: string; params: unknown[] } | undefined): Promise<StoredRequest> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<RequestRow>(`select * from requests where id = $1 for update`, [requestId]);
      if (!rows[0]) throw new Error(`request ${requestId} not found`);
      const before = toRequest(rows[0]);
      const set = update(rows[0]);
      if (!set) return before;
      const updated = await tx.query<RequestRow>(`update requests set ${set.sql} where id = $1 returning *`, [requestId, ...set.params]);
      const after = toRequest(updated.rows[0]!);
      await writeAudit(tx, { at, actor, action, entity: 'request', entityId: requestId, before: auditedRequest(before), after: auditedRequest(after) });
      return after;
    });
  }

  undoPoliceContact(requestId: string, at: Date, actor: Actor): Promise<StoredRequest> {
    return this.change(requestId, 'request.police-contact-undone', at, actor, (row) =>
      row.police_contact_at ? { sql: 'police_contact_at = null, police_contact_by = null', params: [] } : undefined,
    );
  }

  private stamp(requestId: string, column: 'urgent_sent_at' | 'police_contact_at', action: string, at: Date, actor: Actor): Promise<StoredRequest> {
    return this.change(requestId, action, at, actor, (row) => {
      if (row[column]) return undefined; // the first time stands
      // Police contact also keeps who recorded it (the card says so).
      return column === 'police_contact_at' ? { sql: 'police_contact_at = $2, police_contact_by = $3', params: [at, actor.name] } : { sql: `${column} = $2`, params: [at] };
    });
  }
}
