import type { Mail } from '../model/Mail.js';

/**
 * The most a mail's attachments may weigh together: 3 MB, what Microsoft Graph takes inline in one
 * `sendMail` (larger files need an upload session, which the desk does not use). The local outbox
 * keeps the same limit, so local use refuses what production would.
 */
export const maxAttachmentBytes = 3 * 1024 * 1024;

/**
 * Why a mail's attachments cannot be sent inline, or undefined when they can. Names the size and
 * the limit, never a file's content.
 * @example
 * attachmentsTooLarge({ to: ['a@b.example'], subject: 's', body: '', attachments: [{ name: 'N146782.docx', contentType: 'x', content: new Uint8Array(4 * 1024 * 1024) }] })
 * //=> 'attachments too large: 4194304 bytes together, the limit is 3 MB (3145728 bytes)'
 */
export function attachmentsTooLarge(mail: Mail): string | undefined {
  const total = (mail.attachments ?? []).reduce((sum, a) => sum + a.content.byteLength, 0);
  if (total <= maxAttachmentBytes) return undefined;
  return `attachments too large: ${total} bytes together, the limit is 3 MB (${maxAttachmentBytes} bytes)`;
}
