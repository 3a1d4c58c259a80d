import type { Mail, Mailer } from '../ports/Mailer.js';
import type { Clock } from '../ports/Clock.js';
import type { Store } from '../ports/Store.js';

/**
 * Sends each mail at most once per key, however often a request is retried; a failed send gives
 * the key back so the next retry sends it.
 */
export class MailOnce {
  constructor(private readonly deps: { store: Store; mailer: Mailer; clock: Clock }) {}

  /** @returns true when this call sent the mail, false when it had been sent before. */
  async sendOnce(key: string, mail: Mail): Promise<boolean> {
    const { store, mailer, clock } = this.deps;
    if (!(await store.claimMail(key, clock.now()))) return false;
    try {
      await mailer.send(mail);
      return true;
    } catch (error) {
      await store.releaseMail(key);
      throw error;
    }
  }
}
