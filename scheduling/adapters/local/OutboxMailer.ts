import type { Clock } from '../../ports/Clock.js';
import type { MailDelivery, Mailer } from '../../ports/Mailer.js';
import type { Mail, MailAttachment } from '../../model/Mail.js';
import { attachmentsTooLarge } from '../../rules/attachmentSize.js';
import type { Db } from '../pg/Db.js';

export interface OutboxMail extends Mail {
  readonly to: string[];
  readonly cc: string[];
  readonly sentAt: Date;
  /** The mail ledger's key the message was sent under. */
  readonly key?: string;
}

/** An attachment as the outbox keeps it: JSON, the bytes base64. */
interface StoredAttachment {
  readonly name: string;
  readonly contentType: string;
  readonly contentBase64: string;
}

const stored = (a: MailAttachment): StoredAttachment => ({ name: a.name, contentType: a.contentType, contentBase64: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength).toString('base64') });
const unstored = (a: StoredAttachment): MailAttachment => ({ name: a.name, contentType: a.contentType, content: new Uint8Array(Buffer.from(a.contentBase64, 'base64')) });

/** A recipient address as a mail server would take it: something@somewhere, no spaces. */
const isAddress = (address: string) => /^[^\s@]+@[^\s@]+$/.test(address);

/**
 * The local mailer (CALENDAR_BACKEND=local): mail is kept in the store's outbox, not sent. Each
 * message carries its mail key, so `wasSent` finds it, as GraphMailer finds its own in Sent Items.
 * Messages are stamped with the desk's clock when one is given, else the database's. Attachments
 * are kept with the message (in the same row); like Graph, at most 3 MB of them a mail.
 */
export class OutboxMailer implements Mailer {
  constructor(
    private readonly db: Db,
    private readonly clock?: Clock,
  ) {}

  async send(key: string, mail: Mail): Promise<MailDelivery> {
    if (mail.to.length === 0 || ![...mail.to, ...(mail.cc ?? [])].every(isAddress)) return { outcome: 'not-sent', reason: 'no valid recipient' };
    const tooLarge = attachmentsTooLarge(mail);
    if (tooLarge) return { outcome: 'not-sent', reason: tooLarge };
    try {
      await this.db.query(
        'insert into local_outbox (to_addresses, cc_addresses, subject, body, mail_key, sent_at, attachments) values ($1::jsonb, $2::jsonb, $3, $4, $5, coalesce($6, now()), $7::jsonb)',
        [JSON.stringify(mail.to), JSON.stringify(mail.cc ?? []), mail.subject, mail.body, key, this.clock?.now() ?? null, JSON.stringify((mail.attachments ?? []).map(stored))],
      );
      return { outcome: 'sent' };
    } catch (error) {
      // The database refused the statement (it has a SQLSTATE code): nothing was written. Without
      // one (a connection lost mid-statement) the insert may have committed.
      const code = (error as { code?: unknown }).code;
      return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? { outcome: 'not-sent', reason: `SQLSTATE ${code}` } : { outcome: 'maybe-sent', reason: 'database connection failed' };
    }
  }

  async wasSent(key: string): Promise<Date | undefined> {
    const { rows } = await this.db.query<{ sent_at: Date }>('select sent_at from local_outbox where mail_key = $1 order by seq limit 1', [key]);
    return rows[0] ? new Date(rows[0].sent_at) : undefined;
  }

  async listOutbox(): Promise<OutboxMail[]> {
    const { rows } = await this.db.query<{ to_addresses: string[]; cc_addresses: string[]; subject: string; body: string; sent_at: Date; mail_key: string | null; attachments: StoredAttachment[] }>(
      'select * from local_outbox order by seq',
    );
    return rows.map((r) => ({
      to: r.to_addresses,
      cc: r.cc_addresses,
      subject: r.subject,
      body: r.body,
      sentAt: new Date(r.sent_at),
      ...(r.mail_key ? { key: r.mail_key } : {}),
      ...(r.attachments.length ? { attachments: r.attachments.map(unstored) } : {}),
    }));
  }
}
