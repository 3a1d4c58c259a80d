import type { Client } from '@microsoft/microsoft-graph-client';
import type { MailDelivery, Mailer } from '../../ports/Mailer.js';
import type { Mail } from '../../model/Mail.js';
import { attachmentsTooLarge } from '../../rules/attachmentSize.js';
import { ConcurrencyLimit } from './ConcurrencyLimit.js';
import { mailboxConcurrency } from './GraphCalendar.js';
import { GraphRetry, isThrottled, isTransient, statusOf } from './GraphRetry.js';
import { mailKeyHeader, mailKeyPropertyId, sentWithKey } from './mailKeyProperty.js';

const recipients = (addresses: readonly string[] = []) => addresses.map((address) => ({ emailAddress: { address } }));

/** A mail's files as Graph's inline file attachments (the bytes base64 in `contentBytes`). */
const fileAttachments = (mail: Mail) =>
  (mail.attachments ?? []).map((a) => ({ '@odata.type': '#microsoft.graph.fileAttachment', name: a.name, contentType: a.contentType, contentBytes: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength).toString('base64') }));

/** Failures raised before any request left: no token (wrong secret, unknown tenant). */
const beforeRequest = new Set(['AuthenticationError', 'CredentialUnavailableError', 'AuthenticationRequiredError']);

/**
 * Whether a failed `sendMail` may still have gone out: any 5xx (Graph may have queued it before
 * failing), and a call with no answer at all (a time-out or a dropped connection after the
 * request left) - but not a 4xx (refused, or 429: throttled before processing) nor a failure to
 * get a token, when nothing reached Graph.
 */
function mayHaveGone(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined && status >= 400) return status >= 500;
  const code = (error as { code?: unknown }).code;
  return !(typeof code === 'string' && beforeRequest.has(code));
}

/** A failure in audit-safe words: status and Graph's code, never the message text (it may quote the mail). */
function describe(error: unknown): string {
  const status = statusOf(error);
  const code = (error as { code?: unknown }).code;
  return [status !== undefined && status > 0 ? `HTTP ${status}` : 'no answer', typeof code === 'string' && code ? code : undefined].filter(Boolean).join(' ');
}

interface SentPage {
  readonly value: ReadonlyArray<{ readonly id: string; readonly sentDateTime?: string | null }>;
}

/**
 * Sends mail as the shared mailbox with Graph `sendMail` (application permission Mail.Send),
 * keeping a copy in its Sent Items, marked with the mail's key (an extended property, and an
 * X-StrategyDesk-Key header), and finds that copy again by its key (`wasSent`, which needs
 * Mail.Read on the mailbox). A send is retried only when Graph throttled it (429, not processed);
 * after a 5xx or a lost answer it may have gone, so it is reported `maybe-sent`, never repeated here.
 * Attachments go inline as `#microsoft.graph.fileAttachment`s, 3 MB together at most (what one
 * sendMail takes): a larger mail is refused as `not-sent`, naming its size, and never posted.
 * Pass the GraphCalendar's `limit` (and `retry`) so both count against the mailbox's 4 concurrent calls.
 */
export class GraphMailer implements Mailer {
  private readonly user: string;

  constructor(
    private readonly client: Client,
    mailbox: string,
    private readonly limit = new ConcurrencyLimit(mailboxConcurrency),
    private readonly retry = new GraphRetry(),
  ) {
    this.user = `/users/${encodeURIComponent(mailbox)}`;
  }

  async send(key: string, mail: Mail): Promise<MailDelivery> {
    // Graph takes at most 3 MB of attachments in one sendMail: refuse here, before anything leaves.
    const tooLarge = attachmentsTooLarge(mail);
    if (tooLarge) return { outcome: 'not-sent', reason: tooLarge };
    const attachments = fileAttachments(mail);
    const message = {
      subject: mail.subject,
      body: { contentType: 'text', content: mail.body },
      toRecipients: recipients(mail.to),
      ...(mail.cc?.length ? { ccRecipients: recipients(mail.cc) } : {}),
      ...(attachments.length ? { attachments } : {}),
      internetMessageHeaders: [{ name: mailKeyHeader, value: key }],
      singleValueExtendedProperties: [{ id: mailKeyPropertyId, value: key }],
    };
    try {
      await this.retry.run(this.limit, (signal) => this.client.api(`${this.user}/sendMail`).option('signal', signal).post({ message, saveToSentItems: true }), isThrottled);
      return { outcome: 'sent' };
    } catch (error) {
      return { outcome: mayHaveGone(error) ? 'maybe-sent' : 'not-sent', reason: describe(error) };
    }
  }

  async wasSent(key: string): Promise<Date | undefined> {
    const page = await this.retry.run<SentPage>(
      this.limit,
      (signal) => this.client.api(`${this.user}/mailFolders/SentItems/messages`).option('signal', signal).filter(sentWithKey(key)).select(['id', 'sentDateTime']).top(1).get(),
      isTransient,
    );
    const found = page.value[0];
    if (!found) return undefined;
    const sentAt = new Date(found.sentDateTime ?? '');
    if (Number.isNaN(sentAt.getTime())) throw new Error(`Graph gave no sentDateTime for sent message ${found.id}`);
    return sentAt;
  }
}
