/** An email sent from the shared mailbox (the referral to the police unit, notices). */
export interface Mail {
  readonly to: readonly string[];
  readonly cc?: readonly string[];
  readonly subject: string;
  /** Plain text. */
  readonly body: string;
}

/** What the manager is told about an email: it went; it is still to go (retried); or a person must check it. */
export type MailState = 'sent' | 'pending' | 'needs-checking';

/** Where a claimed mail stands in the ledger: being sent (by someone), sent, or held for a person to check. */
export type MailLedgerState =
  | { readonly state: 'in-flight' }
  | { readonly state: 'sent'; readonly at: Date }
  | { readonly state: 'needs-checking'; readonly since: Date };

/** A person's decision on a mail held for checking. */
export type MailCheckDecision = 'was-sent' | 'send-again';
