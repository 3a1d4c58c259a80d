import type { Mail, Mailer } from '../ports/Mailer.js';
import type { Clock } from '../ports/Clock.js';
import type { Store } from '../ports/Store.js';

/** How long a claimed but unsent mail is left to its sender before another may send it. */
export const MAIL_CLAIM_LEASE_SECONDS = 120;

/**
 * Sends each mail at most once per key, however often a request is retried; a failed send gives
 * the key back so the next retry sends it, and a sender that died mid-send loses its claim after
 * a lease, so the reconciler sends the mail instead of losing it.
 */
export class MailOnce {
  constructor(private readonly deps: { store: Store; mailer: Mailer; clock: Clock }) {}

  /** @returns true when this call sent the mail, false when it was sent (or is being sent) already. */
  async sendOnce(key: string, mail: Mail): Promise<boolean> {
    const { store, mailer, clock } = this.deps;
    const now = clock.now();
    if (!(await store.claimMail(key, now, new Date(now.getTime() - MAIL_CLAIM_LEASE_SECONDS * 1000)))) return false;
    try {
      await mailer.send(mail);
    } catch (error) {
      await store.releaseMail(key);
      throw error;
    }
    await store.markMailSent(key, clock.now());
    return true;
  }
}
