const ZWSP = '\u200B';

/**
 * Makes text a person typed inert on a card: a zero-width space breaks `${` (template binding)
 * and `{{` (the renderers' DATE/TIME functions), so the text can never be evaluated, whoever
 * expands or renders the card later. Markdown is neutralised by where the text goes: our cards
 * show typed text only in `TextRun`s and input values, which no renderer treats as markdown.
 * @example
 * inertText('${managerName}') //=> '$\u200B{managerName}'
 */
export function inertText(text: string): string {
  return text.replaceAll('${', `$${ZWSP}{`).replaceAll('{{', `{${ZWSP}{`);
}

/**
 * Undoes `inertText` on a value that comes back from a card input, so a resubmitted card carries
 * exactly what the person typed.
 * @example
 * typedText('$\u200B{x}') //=> '${x}'
 */
export function typedText(text: string): string {
  return text.replaceAll(`$${ZWSP}{`, '${').replaceAll(`{${ZWSP}{`, '{{');
}
