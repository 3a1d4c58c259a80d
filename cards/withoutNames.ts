/**
 * `text` with every whole-word occurrence of the children's names (each full name, and each word
 * of it of two letters or more) replaced by `[child]`, whatever the case: what a card shown in a
 * shared conversation does with what people typed on the plan (an action that names the child).
 * Whole words as `surnamesOnCard` matches them, so a redacted text passes that check.
 * Rule: DOMAIN.md "Privacy and safety rules of the domain".
 * @example
 * withoutNames('See James Bond alone', ['James Bond']) //=> 'See [child] alone'
 */
export function withoutNames(text: string, names: readonly string[]): string {
  const needles = [
    ...new Set(
      names
        .flatMap((n) => [n, ...n.split(/[\s,;&/]+/)])
        .map((n) => n.trim().normalize('NFC'))
        .filter((n) => n.length >= 2 && n.toLowerCase() !== 'and'),
    ),
  ].sort((a, b) => b.length - a.length);
  let out = text.normalize('NFC');
  for (const needle of needles) {
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(^|[^\\p{L}])${escaped}(?=$|[^\\p{L}])`, 'giu'), '$1[child]');
  }
  return out;
}
