import type { AuditEntry } from '../../model/AuditEntry.js';
import { asDate, writeAudit } from './sqlRows.js';
import type { AuditLog } from '../../ports/AuditLog.js';
import type { Db } from './Db.js';

/**
 * The audit trail over PGlite or PostgreSQL.
 */
export class SqlAuditLog implements AuditLog {
  constructor(private readonly db: Db) {}

  async audit(entry: AuditEntry): Promise<void> {
    await writeAudit(this.db, entry);
  }

  async auditTrail(entityId: string): Promise<readonly AuditEntry[]> {
    const { rows } = await this.db.query<{ at: Date; actor_id: string; actor_name: string; action: string; entity: AuditEntry['entity']; entity_id: string; before: unknown; after: unknown }>(
      'select * from audit_log where entity_id = $1 order by seq',
      [entityId],
    );
    return rows.map((r) => ({
      at: asDate(r.at),
      actor: { id: r.actor_id, name: r.actor_name },
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      ...(r.before !== null ? { before: r.before } : {}),
      ...(r.after !== null ? { after: r.after } : {}),
    }));
  }
}
