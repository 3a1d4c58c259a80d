import type { MailLedger } from '../ports/MailLedger.js';
import type { Mailer } from '../ports/Mailer.js';
import type { Mail, MailState } from '../model/Mail.js';
import type { Clock } from '../ports/Clock.js';
import type { Actor } from '../model/Actor.js';
import type { MailCheckDecision } from '../model/Mail.js';

/**
 * How long a claimed mail is left to its sender before another may take it over; after a send
 * that may have gone, how long before anyone looks in sent mail for it (Graph's `sendMail` answers
 * 202 before the message is processed, so its Sent Items copy can lag by seconds).
 * Graph calls retry for at most a quarter of this (`retryBudgetForLease`), so a live sender's
 * retries end well before its claim can be taken over.
 */
export const MAIL_CLAIM_LEASE_SECONDS = 120;

/** What `sendOnce` did. `sentAt` is set when the mail went (now or before); `sentNow` when this call sent it. */
export interface MailOutcome {
  readonly state: MailState;
  readonly sentAt?: Date;
  readonly sentNow: boolean;
}

/** Who the mail ledger's audit entries name. */
const mailRobot: Actor = { id: 'system:mail', name: 'Strategy Desk mail' };

const pending: MailOutcome = { state: 'pending', sentNow: false };
const needsChecking: MailOutcome = { state: 'needs-checking', sentNow: false };

/**
 * Sends each mail at most once per key, however often a request is retried, through a ledger in
 * the store:
 * - one sender at a time holds a key's claim; the others are told the mail is pending;
 * - a send that certainly failed gives the key back, so the next retry (or the reconciler) sends it;
 * - a send that may have gone (5xx, timeout, dropped connection) keeps the claim for a lease, then
 *   the next sender looks for the mail in sent mail and sends only if it is not there; so does
 *   the sender after one that died mid-send;
 * - when sent mail cannot be read, the mail is held for a person (audited, listed by the
 *   reconciler) rather than sent blind; a later look that finds it settles it as sent.
 * Rule: issue "Close the holes found in review", item 6 (mail exactly once).
 */
export class MailOnce {
  constructor(private readonly deps: { mailLedger: MailLedger; mailer: Mailer; clock: Clock }) {}

  /**
   * Sends `mail` under `key` unless the ledger says it went, is being sent, or is held for a person.
   * Throws only when the store fails; a failed send is an outcome (`pending`), retried later.
   * @example
   * await mail.sendOnce('urgent-s47:req-1', urgentEnquiryMail(request, unit)) //=> { state: 'sent', sentAt, sentNow: true }
   */
  async sendOnce(key: string, mail: Mail): Promise<MailOutcome> {
    const { mailLedger, mailer, clock } = this.deps;
    const now = clock.now();
    const claim = await mailLedger.claimMail(key, now, new Date(now.getTime() - MAIL_CLAIM_LEASE_SECONDS * 1000));
    switch (claim.state) {
      case 'sent':
        return { state: 'sent', sentAt: claim.at, sentNow: false };
      case 'in-flight':
        return pending;
      case 'needs-checking':
        return this.lookAgain(key);
      case 'claimed':
        break;
    }
    if (claim.earlierAttempt) {
      let sentAt: Date | undefined;
      try {
        sentAt = await mailer.wasSent(key);
      } catch (error) {
        await mailLedger.markMailNeedsChecking(key, clock.now(), `sent mail could not be checked: ${failureName(error)}`, mailRobot);
        return needsChecking;
      }
      if (sentAt) {
        await mailLedger.markMailSent(key, sentAt);
        return { state: 'sent', sentAt, sentNow: false };
      }
    }
    const delivery = await mailer.send(key, mail).catch((error: unknown) => ({ outcome: 'maybe-sent' as const, reason: failureName(error) }));
    switch (delivery.outcome) {
      case 'sent': {
        const sentAt = clock.now();
        await mailLedger.markMailSent(key, sentAt);
        return { state: 'sent', sentAt, sentNow: true };
      }
      case 'not-sent':
        await mailLedger.releaseMail(key);
        return pending;
      case 'maybe-sent':
        await mailLedger.markMailMaybeSent(key, clock.now(), delivery.reason, mailRobot);
        return pending;
    }
  }

  /** Where the mail under `key` stands, for showing the manager. */
  async stateOf(key: string): Promise<MailState> {
    const state = await this.deps.mailLedger.mailState(key);
    if (state?.state === 'sent') return 'sent';
    return state?.state === 'needs-checking' ? 'needs-checking' : 'pending';
  }

  /** A person's decision on a mail held for checking: it went, or send it again (the next `sendOnce` does). */
  async settleCheck(key: string, decision: MailCheckDecision, actor: Actor): Promise<void> {
    await this.deps.mailLedger.settleMailCheck(key, decision, actor, this.deps.clock.now());
  }

  /**
   * A held mail: look in sent mail again; if it is there, it is settled as sent. Otherwise it
   * stays held: whether to send it again is a person's decision.
   */
  private async lookAgain(key: string): Promise<MailOutcome> {
    const sentAt = await this.deps.mailer.wasSent(key).catch(() => undefined);
    if (!sentAt) return needsChecking;
    await this.deps.mailLedger.markMailSent(key, sentAt);
    return { state: 'sent', sentAt, sentNow: false };
  }
}

/** A failure's name for the audit trail: its type and code, never its text (which could quote the mail). */
function failureName(error: unknown): string {
  const e = error as { name?: unknown; code?: unknown; statusCode?: unknown };
  const status = typeof e?.statusCode === 'number' && e.statusCode > 0 ? `HTTP ${e.statusCode} ` : '';
  const code = typeof e?.code === 'string' && e.code ? e.code : typeof e?.name === 'string' ? e.name : 'unknown error';
  return `${status}${code}`;
}
