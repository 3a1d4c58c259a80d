/**
 * The name of the conference: the children's N number(s), never their names, so a join link or a
 * dial-in list cannot leak who the discussion is about.
 * Rule: DOMAIN.md "The booking" (Northamptonshire: each discussion named by N number).
 * @example
 * conferenceName(['N146782', 'N146783']) //=> 'N146782 N146783'
 */
export function conferenceName(nNumbers: readonly string[]): string {
  return nNumbers.join(' ');
}
