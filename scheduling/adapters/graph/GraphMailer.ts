import type { Client } from '@microsoft/microsoft-graph-client';
import type { Mail, Mailer } from '../../ports/Mailer.js';
import { ConcurrencyLimit } from './ConcurrencyLimit.js';
import { mailboxConcurrency } from './GraphCalendar.js';

const recipients = (addresses: readonly string[] = []) => addresses.map((address) => ({ emailAddress: { address } }));

/**
 * Sends mail as the shared mailbox with Graph `sendMail` (application permission Mail.Send),
 * keeping a copy in its Sent Items so the team can see what went to the police unit.
 * Pass the GraphCalendar's `limit` so both count against the mailbox's 4 concurrent calls.
 */
export class GraphMailer implements Mailer {
  private readonly path: string;

  constructor(
    private readonly client: Client,
    mailbox: string,
    private readonly limit = new ConcurrencyLimit(mailboxConcurrency),
  ) {
    this.path = `/users/${encodeURIComponent(mailbox)}/sendMail`;
  }

  async send(mail: Mail): Promise<void> {
    const message = {
      subject: mail.subject,
      body: { contentType: 'text', content: mail.body },
      toRecipients: recipients(mail.to),
      ...(mail.cc?.length ? { ccRecipients: recipients(mail.cc) } : {}),
    };
    await this.limit.run(() => this.client.api(this.path).post({ message, saveToSentItems: true }));
  }
}
