import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mailer } from '../../scheduling/ports/Mailer.js';
import type { Mail, MailAttachment } from '../../scheduling/model/Mail.js';
import { maxAttachmentBytes } from '../../scheduling/rules/attachmentSize.js';

/** One mailer adapter, opened empty for a single test, with a way to see what went out. */
export interface MailerUnderTest {
  readonly mailer: Mailer;
  /** The messages that went out, oldest first, in the adapter's own record (outbox, fake Graph). */
  sent(): Promise<ReadonlyArray<{ readonly subject: string; readonly to: readonly string[]; readonly body: string; readonly attachments?: readonly MailAttachment[] }>>;
  close(): Promise<void>;
}

const mail = (subject: string, to = ['police.referral.unit@example.org']): Mail => ({ to, subject, body: `${subject}\nPlease phone the manager.` });

/** Every byte value, many times over, in an order that a text or line-ending conversion would change. */
const binary = (length: number, seed = 0) => Uint8Array.from({ length }, (_, i) => (i * 7 + seed + (i >> 8)) % 256);
const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

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

    it('sends attachments: each arrives with its name, type and the same bytes, in order', async () => {
      const files: MailAttachment[] = [
        { name: 'N146782_strategy-discussion-action-plan-summary_2026-11-25.docx', contentType: docxType, content: binary(70_001) },
        { name: 'N146782 notes.txt', contentType: 'text/plain', content: new TextEncoder().encode('line one\r\nline two\n\u00e9\u2019') },
      ];
      expect(await mailer.send('plan-summary:d1', { ...mail('Strategy discussion N146782: action plan summary'), attachments: files })).toEqual({ outcome: 'sent' });
      const [sent] = await subject.sent();
      expect(sent?.attachments?.map((a) => [a.name, a.contentType, a.content.byteLength])).toEqual(files.map((a) => [a.name, a.contentType, a.content.byteLength]));
      sent?.attachments?.forEach((a, i) => expect(Buffer.from(a.content).equals(Buffer.from(files[i]!.content))).toBe(true));
      expect(await mailer.wasSent('plan-summary:d1')).toBeInstanceOf(Date);
    });

    it('sends a mail without attachments with none', async () => {
      await mailer.send('urgent-s47:r1', mail('URGENT S47 ENQUIRY'));
      expect((await subject.sent())[0]?.attachments ?? []).toEqual([]);
    });

    it('takes attachments of exactly 3 MB together and refuses one byte more: not sent, naming the size, not found later', async () => {
      const atLimit = { ...mail('Record'), attachments: [{ name: 'N1_record.docx', contentType: docxType, content: binary(maxAttachmentBytes - 1000) }, { name: 'N1_more.bin', contentType: 'application/octet-stream', content: binary(1000, 3) }] };
      expect(await mailer.send('record:at-limit', atLimit)).toEqual({ outcome: 'sent' });
      const over = { ...atLimit, attachments: [...atLimit.attachments, { name: 'N1_one-more.bin', contentType: 'application/octet-stream', content: new Uint8Array(1) }] };
      expect(await mailer.send('record:over', over)).toEqual({ outcome: 'not-sent', reason: `attachments too large: ${maxAttachmentBytes + 1} bytes together, the limit is 3 MB (${maxAttachmentBytes} bytes)` });
      expect(await subject.sent()).toHaveLength(1);
      expect(await mailer.wasSent('record:over')).toBeUndefined();
    });

    it('refuses a message with no valid recipient: not sent, and not found later', async () => {
      const delivery = await mailer.send('urgent-s47:r1', mail('URGENT S47 ENQUIRY', []));
      expect(delivery.outcome).toBe('not-sent');
      expect(await subject.sent()).toEqual([]);
      expect(await mailer.wasSent('urgent-s47:r1')).toBeUndefined();
    });
  });
}
