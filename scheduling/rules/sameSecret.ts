import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether a secret someone sent equals the one kept, in time that does not depend on where they
 * differ, nor on either's length (both are hashed to 32 bytes first). A missing secret never matches.
 * @example
 * sameSecret('s3cret', 's3cret') //=> true
 * sameSecret(undefined, 's3cret') //=> false
 */
export function sameSecret(sent: string | undefined, kept: string): boolean {
  const equal = timingSafeEqual(digest(sent ?? ''), digest(kept));
  return equal && sent !== undefined && kept !== '';
}
