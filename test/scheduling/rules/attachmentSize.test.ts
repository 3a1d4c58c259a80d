import { describe, expect, it } from 'vitest';
import type { Mail, MailAttachment } from '../../../scheduling/model/Mail.js';
import { attachmentsTooLarge, maxAttachmentBytes } from '../../../scheduling/rules/attachmentSize.js';

const file = (bytes: number, name = 'N146782_action-plan-summary_2026-11-25.docx'): MailAttachment => ({ name, contentType: 'application/octet-stream', content: new Uint8Array(bytes) });
const mail = (...attachments: MailAttachment[]): Mail => ({ to: ['a@police.example'], subject: 'Strategy discussion N146782', body: '', attachments });

describe('attachmentsTooLarge', () => {
  it('takes a mail with no attachments, and attachments up to exactly 3 MB together', () => {
    expect(attachmentsTooLarge({ to: ['a@police.example'], subject: 's', body: '' })).toBeUndefined();
    expect(attachmentsTooLarge(mail())).toBeUndefined();
    expect(attachmentsTooLarge(mail(file(maxAttachmentBytes)))).toBeUndefined();
    expect(attachmentsTooLarge(mail(file(maxAttachmentBytes - 10), file(10)))).toBeUndefined();
  });

  it('refuses one byte over 3 MB, naming the size and the limit', () => {
    expect(maxAttachmentBytes).toBe(3_145_728);
    expect(attachmentsTooLarge(mail(file(maxAttachmentBytes + 1)))).toBe('attachments too large: 3145729 bytes together, the limit is 3 MB (3145728 bytes)');
  });

  it('counts the attachments together: two files of 2 MB are refused', () => {
    expect(attachmentsTooLarge(mail(file(2 * 1024 * 1024), file(2 * 1024 * 1024, 'N146782_record.docx')))).toBe('attachments too large: 4194304 bytes together, the limit is 3 MB (3145728 bytes)');
  });
});
