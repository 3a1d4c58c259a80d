/**
 * Whether an Authorization header could carry a Bot Framework token: `Bearer` and a JWT whose
 * header names an RS256 key (`kid`). Anything else is refused at once (401), without the adapter
 * fetching the identity provider's keys for a token that can never be valid.
 * @example
 * couldBeBotFrameworkToken('Bearer not.a.jwt') //=> false
 */
export function couldBeBotFrameworkToken(authorization: string | undefined): boolean {
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorization ?? '');
  if (!match) return false;
  try {
    const header = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8')) as { alg?: unknown; kid?: unknown };
    return header.alg === 'RS256' && typeof header.kid === 'string' && header.kid.length > 0;
  } catch {
    return false;
  }
}
