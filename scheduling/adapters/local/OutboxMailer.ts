import type { Mail, Mailer } from '../../ports/Mailer.js';
import type { Db } from '../pg/Db.js';

export interface OutboxMail extends Mail {
  readonly to: string[];
  readonly cc: string[];
  readonly sentAt: Date;
}

/** The local mailer (CALENDAR_BACKEND=local): mail is kept in the store's outbox, not sent. */
export class OutboxMailer implements Mailer {
  constructor(private readonly db: Db) {}

  async send(mail: Mail): Promise<void> {
    await this.db.query('insert into local_outbox (to_addresses, cc_addresses, subject, body) values ($1::jsonb, $2::jsonb, $3, $4)', [
      JSON.stringify(mail.to),
      JSON.stringify(mail.cc ?? []),
      mail.subject,
      mail.body,
    ]);
  }

  async listOutbox(): Promise<OutboxMail[]> {
    const { rows } = await this.db.query<{ to_addresses: string[]; cc_addresses: string[]; subject: string; body: string; sent_at: Date }>('select * from local_outbox order by seq');
    return rows.map((r) => ({ to: r.to_addresses, cc: r.cc_addresses, subject: r.subject, body: r.body, sentAt: new Date(r.sent_at) }));
  }
}
