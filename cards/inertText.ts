const ZWSP = '\u200B';

/**
 * Makes text a person typed inert on a card: a zero-width space after every `$` or `{` that a
 * `{` follows breaks `${` (template binding) and `{{` (the renderers' DATE/TIME functions), in a
 * run of braces of any length, so the text can never be evaluated, whoever expands or renders
 * the card later. A zero-width space typed in such a place gets one more, so `typedText` can tell
 * the two apart. Markdown is neutralised by where the text goes: our cards show typed text only
 * in `TextRun`s and input values, which no renderer treats as markdown.
 * @example
 * inertText('${managerName}') //=> '$\u200B{managerName}'
 * inertText('{{{') //=> '{\u200B{\u200B{'
 */
export function inertText(text: string): string {
  return text.replace(/[$\{](?=[{\u200B])/g, `$&${ZWSP}`);
}

/**
 * Undoes `inertText` on a value that comes back from a card input, so a resubmitted card carries
 * exactly what the person typed: it drops the zero-width space `inertText` put after a `$` or `{`.
 * @example
 * typedText('$\u200B{x}') //=> '${x}'
 */
export function typedText(text: string): string {
  return text.replace(/([$\{])\u200B(?=[{\u200B])/g, '$1');
}
