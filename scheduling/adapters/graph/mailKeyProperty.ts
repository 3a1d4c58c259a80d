/**
 * The single-value extended property that marks a message we send with its mail ledger key, so
 * the copy in the shared mailbox's Sent Items can be found again after a send whose answer was
 * lost. Graph filters messages on extended properties (`singleValueExtendedProperties/Any(...)`)
 * but not on `internetMessageHeaders`, hence the property; the X- header is for people reading
 * the message source. Same property set as the booking marker; never change the GUID or name.
 * https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-get
 */
export const mailKeyPropertyId = 'String {4c2d669a-05c8-4d0a-9c17-b8eabe3833fc} Name StrategyDeskMailKey';

/** The custom internet header carrying the same key on the message itself. */
export const mailKeyHeader = 'X-StrategyDesk-Key';

/**
 * The `$filter` that finds messages marked with `key` (single quotes doubled, as OData wants).
 * @example
 * sentWithKey("a'b") //=> "singleValueExtendedProperties/Any(ep: ep/id eq 'String {…} Name StrategyDeskMailKey' and ep/value eq 'a''b')"
 */
export function sentWithKey(key: string): string {
  return `singleValueExtendedProperties/Any(ep: ep/id eq '${mailKeyPropertyId}' and ep/value eq '${key.replace(/'/g, "''")}')`;
}
