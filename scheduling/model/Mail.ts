/** An email sent from the shared mailbox (the referral to the police unit, notices). */
export interface Mail {
  readonly to: readonly string[];
  readonly cc?: readonly string[];
  readonly subject: string;
  /** Plain text. */
  readonly body: string;
  /** Files sent with it (the discussion record as a Word document). */
  readonly attachments?: readonly MailAttachment[];
}

/** A file attached to a mail. */
export interface MailAttachment {
  /** The file's name as the recipient sees it (never a child's name: the N number names the case). */
  readonly name: string;
  /** e.g. `application/vnd.openxmlformats-officedocument.wordprocessingml.document`. */
  readonly contentType: string;
  readonly content: Uint8Array;
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
