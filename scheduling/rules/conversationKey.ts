/**
 * The conversation a Teams conversation id belongs to, for deciding who is in it. A channel's
 * threads carry the channel's id plus `;messageid=<root post>`; they all have the channel's
 * members, so they count as one conversation. Chat ids have no such suffix and are kept whole.
 * Rule: who may act on a case (scheduling/rules/mayActOnCase.ts); Teams conversation ids.
 * @example
 * conversationKey('19:abc@thread.tacv2;messageid=1700000000000') //=> '19:abc@thread.tacv2'
 * conversationKey('19:chat@thread.v2') //=> '19:chat@thread.v2'
 */
export function conversationKey(conversationId: string): string {
  const at = conversationId.indexOf(';messageid=');
  return at === -1 ? conversationId : conversationId.slice(0, at);
}
