/** An email sent from the shared mailbox (the referral to the police unit, notices). */
export interface Mail {
  readonly to: readonly string[];
  readonly cc?: readonly string[];
  readonly subject: string;
  /** Plain text. */
  readonly body: string;
}

/**
 * Sends mail. Adapters: `OutboxMailer` (kept in the store's outbox, for local use),
 * `GraphMailer` (`sendMail` on the shared mailbox).
 */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}
