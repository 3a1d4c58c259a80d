/** Every string anywhere in a card's JSON (texts, input values, action data...). */
function stringsIn(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) stringsIn(item, into);
  return into;
}

/**
 * The children's surnames (as typed on a request: "Bond", "Bond, Smith-Jones", "Bond & Khan")
 * that a card shows anywhere, as whole words, whatever the case. A card posted outside the
 * requester's personal chat must give `[]`.
 * Rule: DOMAIN.md "Privacy and safety rules of the domain".
 * @example
 * surnamesOnCard({ body: [{ type: 'TextBlock', text: 'Bond children' }] }, 'Bond, Khan') //=> ['Bond']
 */
export function surnamesOnCard(card: unknown, childSurnames: string): string[] {
  const names = childSurnames
    .split(/[,;&/]|\band\b/i)
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  const texts = stringsIn(card).map((s) => s.normalize('NFC').toLocaleLowerCase('en-GB'));
  return names.filter((name) => {
    const needle = name.normalize('NFC').toLocaleLowerCase('en-GB');
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const word = new RegExp(`(^|[^\\p{L}])${escaped}($|[^\\p{L}])`, 'u');
    return texts.some((t) => word.test(t));
  });
}
