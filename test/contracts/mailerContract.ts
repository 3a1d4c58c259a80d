import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mailer } from '../../scheduling/ports/Mailer.js';
import type { Mail } from '../../scheduling/model/Mail.js';

/** One mailer adapter, opened empty for a single test, with a way to see what went out. */
export interface MailerUnderTest {
  readonly mailer: Mailer;
  /** The messages that went out, oldest first, in the adapter's own record (outbox, fake Graph). */
  sent(): Promise<ReadonlyArray<{ readonly subject: string; readonly to: readonly string[]; readonly body: string }>>;
  close(): Promise<void>;
}

const mail = (subject: string, to = ['police.referral.unit@example.org']): Mail => ({ to, subject, body: `${subject}\nPlease phone the manager.` });

/**
 * The behaviour every `Mailer` adapter shares (OutboxMailer, GraphMailer): a message goes out
 * marked with its key, and `wasSent` finds it by that key afterwards, which is how a mail whose
 * send ended ambiguously is checked before anyone sends it again. Each test opens a fresh mailer.
 */
export function mailerContract(name: string, open: () => Promise<MailerUnderTest>): void {
  describe(`${name} (Mailer contract)`, () => {
    let subject: MailerUnderTest;
    let mailer: Mailer;
    beforeEach(async () => {
      subject = await open();
      mailer = subject.mailer;
    });
    afterEach(async () => {
      await subject.close();
    });

    it('sends a message and finds it afterwards by its key, with when it went', async () => {
      expect(await mailer.send('urgent-s47:r1', mail('URGENT S47 ENQUIRY'))).toEqual({ outcome: 'sent' });
      expect(await subject.sent()).toMatchObject([{ subject: 'URGENT S47 ENQUIRY', to: ['police.referral.unit@example.org'], body: 'URGENT S47 ENQUIRY\nPlease phone the manager.' }]);
      expect(await mailer.wasSent('urgent-s47:r1')).toBeInstanceOf(Date);
    });

    it('finds nothing for a key it never sent', async () => {
      await mailer.send('urgent-s47:r1', mail('URGENT S47 ENQUIRY'));
      expect(await mailer.wasSent('urgent-s47:r2')).toBeUndefined();
      expect(await mailer.wasSent("strategy-discussion:it's")).toBeUndefined();
    });

    it('keeps keys apart: each message is found by its own key', async () => {
      await mailer.send('strategy-discussion:b1', mail('Strategy discussion'));
      await mailer.send('strategy-discussion:b2', mail('Strategy discussion'));
      expect(await mailer.wasSent('strategy-discussion:b1')).toBeInstanceOf(Date);
      expect(await mailer.wasSent('strategy-discussion:b2')).toBeInstanceOf(Date);
      expect(await subject.sent()).toHaveLength(2);
    });

    it('refuses a message with no valid recipient: not sent, and not found later', async () => {
      const delivery = await mailer.send('urgent-s47:r1', mail('URGENT S47 ENQUIRY', []));
      expect(delivery.outcome).toBe('not-sent');
      expect(await subject.sent()).toEqual([]);
      expect(await mailer.wasSent('urgent-s47:r1')).toBeUndefined();
    });
  });
}
