import type { Mail } from '../model/Mail.js';

/**
 * What became of one attempt to send a mail:
 * - `sent`: the mailbox accepted it;
 * - `not-sent`: refused, or it never reached the mailbox (a 4xx, throttled to the end, no
 *   credentials): safe to send again;
 * - `maybe-sent`: it may have reached the mailbox and gone (a 5xx, a timeout or a dropped
 *   connection after the request left): look for it in sent mail (`wasSent`) before sending again.
 * `reason` names the failure for the audit trail (a status and code, never the mail's text).
 */
export type MailDelivery = { readonly outcome: 'sent' } | { readonly outcome: 'not-sent' | 'maybe-sent'; readonly reason: string };

/**
 * Sends mail, each marked with a key so it can be found again. Adapters: `OutboxMailer` (kept in
 * the store's outbox, for local use), `GraphMailer` (`sendMail` on the shared mailbox, found in
 * its Sent Items). Both pass test/contracts/mailerContract.ts.
 */
export interface Mailer {
  /** Sends `mail` marked with `key`. Never throws for a failed send: the outcome says what happened. */
  send(key: string, mail: Mail): Promise<MailDelivery>;
  /**
   * When the mail marked with `key` went out, from the mailbox's own sent mail; undefined when
   * it is not there.
   * @throws when the mailbox cannot be asked (unreachable, permission refused): the answer is unknown.
   */
  wasSent(key: string): Promise<Date | undefined>;
}
