import type { AuditEntry } from '../model/AuditEntry.js';

/**
 * The audit trail: who booked, changed, cancelled, was refused, and when. Never a child's name.
 * Adapter: `SqlAuditLog` (PGlite or PostgreSQL); contract: test/contracts/auditLogContract.ts.
 */
export interface AuditLog {
  audit(entry: AuditEntry): Promise<void>;
  auditTrail(entityId: string): Promise<readonly AuditEntry[]>;
}
