import type { AuditEntry } from '../../model/AuditEntry.js';
import type { Booking, BookingStatus } from '../../model/Booking.js';
import type { ManagerRole, Route, StoredRequest } from '../../model/DiscussionRequest.js';
import type { UrgentCriterion } from '../../model/UrgentCriterion.js';
import type { Sql } from './Db.js';

// Rows and mappings the SQL stores share (one database, one dialect: PGlite or PostgreSQL).

export interface RequestRow {
  id: string;
  idempotency_key: string;
  route: Route;
  n_numbers: string[];
  child_surnames: string;
  manager_name: string;
  manager_role: ManagerRole;
  manager_phone: string;
  manager_email: string | null;
  referred_at: Date;
  urgent: UrgentCriterion[];
  longer_slot: boolean;
  reason: string | null;
  invitees: string[];
  requested_by_id: string;
  requested_by_name: string;
  created_at: Date;
  urgent_sent_at: Date | null;
  police_contact_at: Date | null;
  police_contact_by?: string | null;
  escalated_at: Date | null;
  escalation_level: number | null;
}

export interface BookingRow {
  id: string;
  request_id: string;
  calendar_id: string;
  status: BookingStatus;
  start_at: Date;
  end_at: Date;
  transaction_id: string;
  event_id: string | null;
  /** Migration 010. */
  join_url?: string | null;
  replaces: string | null;
  created_at: Date;
  updated_at: Date;
}

export const asDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

export const json = (value: unknown): string => JSON.stringify(value);

export function toRequest(row: RequestRow): StoredRequest {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    route: row.route,
    nNumbers: row.n_numbers,
    childSurnames: row.child_surnames,
    managerName: row.manager_name,
    managerRole: row.manager_role,
    managerPhone: row.manager_phone,
    ...(row.manager_email ? { managerEmail: row.manager_email } : {}),
    referredAt: asDate(row.referred_at),
    urgent: row.urgent,
    longerSlot: row.longer_slot,
    ...(row.reason ? { reason: row.reason } : {}),
    invitees: row.invitees,
    requestedBy: { id: row.requested_by_id, name: row.requested_by_name },
    createdAt: asDate(row.created_at),
    ...(row.urgent_sent_at ? { urgentSentAt: asDate(row.urgent_sent_at) } : {}),
    ...(row.police_contact_at ? { policeContactAt: asDate(row.police_contact_at) } : {}),
    ...(row.police_contact_by ? { policeContactBy: row.police_contact_by } : {}),
    ...(row.escalated_at ? { escalatedAt: asDate(row.escalated_at) } : {}),
    ...(row.escalation_level ? { escalationLevel: Number(row.escalation_level) } : {}),
  };
}

export function toBooking(row: BookingRow): Booking {
  return {
    id: row.id,
    requestId: row.request_id,
    calendarId: row.calendar_id,
    status: row.status,
    start: asDate(row.start_at),
    end: asDate(row.end_at),
    transactionId: row.transaction_id,
    ...(row.event_id ? { eventId: row.event_id } : {}),
    ...(row.join_url ? { joinUrl: row.join_url } : {}),
    ...(row.replaces ? { replaces: row.replaces } : {}),
    createdAt: asDate(row.created_at),
    updatedAt: asDate(row.updated_at),
  };
}

/** What the audit log keeps of a request: never the children's surnames, the reason or phone numbers. */
export function auditedRequest(r: StoredRequest): Record<string, unknown> {
  return {
    route: r.route,
    nNumbers: r.nNumbers,
    referredAt: r.referredAt.toISOString(),
    urgent: r.urgent,
    longerSlot: r.longerSlot,
    managerRole: r.managerRole,
    invitees: r.invitees.length,
    ...(r.urgentSentAt ? { urgentSentAt: r.urgentSentAt.toISOString() } : {}),
    ...(r.policeContactAt ? { policeContactAt: r.policeContactAt.toISOString() } : {}),
    ...(r.escalatedAt ? { escalatedAt: r.escalatedAt.toISOString(), escalationLevel: r.escalationLevel ?? 1 } : {}),
  };
}

export function auditedBooking(b: Booking): Record<string, unknown> {
  return { status: b.status, start: b.start.toISOString(), end: b.end.toISOString(), eventId: b.eventId ?? null, replaces: b.replaces ?? null };
}

/** Writes one audit row with `sql`: inside the caller's transaction, so the change and its audit row commit together. */
export async function writeAudit(sql: Sql, entry: AuditEntry): Promise<void> {
  await sql.query(
    'insert into audit_log (at, actor_id, actor_name, action, entity, entity_id, before, after) values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)',
    [entry.at, entry.actor.id, entry.actor.name, entry.action, entry.entity, entry.entityId, entry.before === undefined ? null : json(entry.before), entry.after === undefined ? null : json(entry.after)],
  );
}
