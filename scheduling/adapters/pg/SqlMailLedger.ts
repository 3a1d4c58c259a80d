import type { Actor } from '../../model/Actor.js';
import type { MailCheckDecision, MailLedgerState } from '../../model/Mail.js';
import type { MailClaim } from '../../ports/MailLedger.js';
import { asDate, writeAudit } from './sqlRows.js';
import type { MailLedger } from '../../ports/MailLedger.js';
import type { Db } from './Db.js';

interface MailKeyRow {
  key: string;
  claimed_at: Date;
  sent_at: Date | null;
  maybe_sent_at: Date | null;
  needs_checking_at: Date | null;
}

/** A mail ledger row's state: sent, held for a person, or claimed by a sender. */
function toMailState(row: MailKeyRow): MailLedgerState {
  if (row.sent_at) return { state: 'sent', at: asDate(row.sent_at) };
  if (row.needs_checking_at) return { state: 'needs-checking', since: asDate(row.needs_checking_at) };
  return { state: 'in-flight' };
}

/**
 * The mail ledger over PGlite or PostgreSQL: one row a mail key (claimed, sent, maybe sent, held for a person).
 */
export class SqlMailLedger implements MailLedger {
  constructor(private readonly db: Db) {}

  async claimMail(key: string, at: Date, reclaimBefore?: Date): Promise<MailClaim> {
    return this.db.transaction(async (tx) => {
      const fresh = await tx.query('insert into mail_keys (key, claimed_at) values ($1, $2) on conflict (key) do nothing returning key', [key, at]);
      if (fresh.rows.length === 1) return { state: 'claimed', earlierAttempt: false };
      const { rows } = await tx.query<MailKeyRow>('select * from mail_keys where key = $1 for update', [key]);
      const row = rows[0];
      // Given back between our insert and our read: another sender is at it again.
      if (!row) return { state: 'in-flight' };
      const state = toMailState(row);
      if (state.state !== 'in-flight' || asDate(row.claimed_at) >= (reclaimBefore ?? new Date(0))) return state;
      await tx.query('update mail_keys set claimed_at = $2 where key = $1', [key, at]);
      return { state: 'claimed', earlierAttempt: true };
    });
  }

  async markMailSent(key: string, at: Date): Promise<void> {
    await this.db.query('update mail_keys set sent_at = $2, needs_checking_at = null where key = $1', [key, at]);
  }

  async releaseMail(key: string): Promise<void> {
    await this.db.query('delete from mail_keys where key = $1 and sent_at is null', [key]);
  }

  async markMailMaybeSent(key: string, at: Date, reason: string, actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('update mail_keys set claimed_at = $2, maybe_sent_at = $2 where key = $1 and sent_at is null', [key, at]);
      await writeAudit(tx, { at, actor, action: 'mail.maybe-sent', entity: 'mail', entityId: key, after: { reason } });
    });
  }

  async markMailNeedsChecking(key: string, at: Date, reason: string, actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('update mail_keys set needs_checking_at = $2 where key = $1 and sent_at is null', [key, at]);
      await writeAudit(tx, { at, actor, action: 'mail.needs-checking', entity: 'mail', entityId: key, after: { reason } });
    });
  }

  async settleMailCheck(key: string, decision: MailCheckDecision, actor: Actor, at: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<MailKeyRow>('select * from mail_keys where key = $1 for update', [key]);
      if (!rows[0]?.needs_checking_at || rows[0].sent_at) throw new Error(`mail ${key} is not held for checking`);
      if (decision === 'was-sent') await tx.query('update mail_keys set sent_at = $2, needs_checking_at = null where key = $1', [key, at]);
      else await tx.query('delete from mail_keys where key = $1', [key]);
      await writeAudit(tx, { at, actor, action: 'mail.check-settled', entity: 'mail', entityId: key, after: { decision } });
    });
  }

  async mailState(key: string): Promise<MailLedgerState | undefined> {
    const { rows } = await this.db.query<MailKeyRow>('select * from mail_keys where key = $1', [key]);
    return rows[0] && toMailState(rows[0]);
  }

  async mailsNeedingChecking(): Promise<ReadonlyArray<{ key: string; since: Date }>> {
    const { rows } = await this.db.query<MailKeyRow>('select * from mail_keys where needs_checking_at is not null and sent_at is null order by needs_checking_at, key');
    return rows.map((r) => ({ key: r.key, since: asDate(r.needs_checking_at!) }));
  }
}
