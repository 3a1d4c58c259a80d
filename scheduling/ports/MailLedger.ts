import type { Actor } from '../model/Actor.js';
import type { MailCheckDecision, MailLedgerState } from '../model/Mail.js';

/**
 * The answer to a mail claim: this caller holds it (`earlierAttempt`: an earlier sender claimed it
 * and never settled it, so it may have gone - look in sent mail first), or the mail's state.
 */
export type MailClaim = { readonly state: 'claimed'; readonly earlierAttempt: boolean } | MailLedgerState;

/**
 * The mail ledger: one entry a mail key, so each email goes at most once however often a request is
 * retried, and a send that may have gone is never repeated blind.
 * Adapter: `SqlMailLedger` (PGlite or PostgreSQL); contract: test/contracts/mailLedgerContract.ts.
 */
export interface MailLedger {
  /**
   * Claims a mail by key, so one sender at a time may send it (see `MailClaim`). A claim older
   * than `reclaimBefore` that was never settled (its sender died, or its send may have gone) can
   * be taken again, as an earlier attempt.
   */
  claimMail(key: string, at: Date, reclaimBefore?: Date): Promise<MailClaim>;
  /** Records that the claimed mail went out (at `at`): it is never sent again. */
  markMailSent(key: string, at: Date): Promise<void>;
  /** Gives a claimed mail key back after a send that certainly failed, so a retry can send it. */
  releaseMail(key: string): Promise<void>;
  /**
   * Records a send that may have gone (an ambiguous failure): the claim stays, its lease counted
   * again from `at`, so nobody sends before it ends, and the next sender looks in sent mail first.
   */
  markMailMaybeSent(key: string, at: Date, reason: string, actor: Actor): Promise<void>;
  /** Holds a mail nobody can tell went or not for a person: no sender may claim it until settled. */
  markMailNeedsChecking(key: string, at: Date, reason: string, actor: Actor): Promise<void>;
  /** A person's decision on a held mail: it went (recorded sent), or send it again (key given back). */
  settleMailCheck(key: string, decision: MailCheckDecision, actor: Actor, at: Date): Promise<void>;
  /** Where a mail stands in the ledger: undefined when it was never claimed or was given back. */
  mailState(key: string): Promise<MailLedgerState | undefined>;
  /** Mails held for a person to check, oldest first. */
  mailsNeedingChecking(): Promise<ReadonlyArray<{ readonly key: string; readonly since: Date }>>;
}
