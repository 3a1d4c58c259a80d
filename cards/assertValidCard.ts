import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';

import { maxCardBytes } from './cardSize.js';

export { maxCardBytes };

const require = createRequire(import.meta.url);

interface JsdomWindow extends Window {
  AdaptiveCards: typeof AdaptiveCards;
  eval(source: string): unknown;
  HTMLElement: typeof HTMLElement;
}

let loaded: typeof AdaptiveCards | undefined;

/**
 * The `adaptivecards` renderer inside a jsdom window of its own (its ESM build does not load in
 * Node, and its bundle needs a DOM), with a small markdown processor switched on, so that text a
 * renderer would treat as markdown shows up as `<strong>`/`<em>`/`<a>` in the rendered card.
 */
function adaptiveCards(): typeof AdaptiveCards {
  if (loaded) return loaded;
  const { JSDOM } = require('jsdom') as { JSDOM: new (html: string, options: object) => { window: JsdomWindow } };
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', { runScripts: 'outside-only' });
  // jsdom does not implement innerText, which the renderer uses for TextRuns.
  Object.defineProperty(window.HTMLElement.prototype, 'innerText', {
    get(this: HTMLElement) { return this.textContent; },
    set(this: HTMLElement, value: string) { this.textContent = value; },
    configurable: true,
  });
  window.eval(readFileSync(require.resolve('adaptivecards/dist/adaptivecards.js'), 'utf8'));
  loaded = window.AdaptiveCards;
  loaded.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = text
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/_(.+?)_/g, '<em>$1</em>')
      .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '<a href="$2">$1</a>');
    result.didProcess = true;
  };
  return loaded;
}

/** The colours that say something (green: done, red: a problem, amber: take care). */
const meaningColours = new Set(['good', 'attention', 'warning']);

/**
 * What else must say it when a colour does: a status symbol or a label ending in a colon
 * ("Overdue:") at the start of the text, and bold text. Teams' green and amber are below
 * WCAG's 4.5:1 on white, and some people cannot tell red from green: colour alone is no message.
 */
export const meaningMarker = /^(\u26A0\uFE0F?|\u2714|\u2716|\u2757|\u23F0|\u2139)\s|^[A-Z][A-Za-z0-9 ]{0,40}:(\s|$)/u;

/**
 * The text elements (TextBlock, TextRun) of an expanded card whose only carrier of meaning is
 * a `good`, `attention` or `warning` colour: each must also be bold and open with a status
 * symbol or a label (`meaningMarker`). Returns one problem per element.
 * @example
 * colourOnlyMeaning({ body: [{ type: 'TextBlock', text: 'Booked', color: 'good' }] }) //=> ['text "Booked" has colour good as its only marker: ...']
 */
export function colourOnlyMeaning(card: unknown): string[] {
  const problems: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const element = node as Record<string, unknown>;
    const colour = typeof element.color === 'string' ? element.color.toLowerCase() : undefined;
    if ((element.type === 'TextBlock' || element.type === 'TextRun') && colour && meaningColours.has(colour)) {
      const text = typeof element.text === 'string' ? element.text : '';
      if (element.weight !== 'Bolder' || !meaningMarker.test(text)) {
        problems.push(`text "${text.slice(0, 60)}" has colour ${colour} as its only marker: make it bold and open it with a status symbol or a label`);
      }
    }
    Object.values(element).forEach(visit);
  };
  visit(card);
  return problems;
}

export interface RenderedCard {
  /** The card as the `adaptivecards` renderer draws it. */
  readonly element: HTMLElement;
  /** Its visible text. */
  readonly text: string;
  readonly bytes: number;
}

/**
 * Checks a card the way a client would take it: under 28 KB as JSON, parsed by `adaptivecards`
 * with no warning (unknown element, bad property, missing label on a required input...) and
 * rendered. Throws naming every problem; returns the rendering for content assertions.
 * @example
 * assertValidCard(helpCard({ notRecognised: false })).text.includes('help') //=> true
 */
export function assertValidCard(card: unknown): RenderedCard {
  const ac = adaptiveCards();
  const json = JSON.stringify(card);
  const bytes = Buffer.byteLength(json, 'utf8');
  const problems: string[] = [];
  if (bytes > maxCardBytes) problems.push(`card is ${bytes} bytes, over the ${maxCardBytes}-byte limit`);

  const parsed = new ac.AdaptiveCard();
  const context = new ac.SerializationContext();
  parsed.parse(JSON.parse(json), context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  // Templating leaves a binding it cannot resolve as literal text: a missing data field.
  if (/\$\{/.test(json)) problems.push('card still holds a ${...} binding');

  problems.push(...colourOnlyMeaning(JSON.parse(json)));

  const element = parsed.render();
  if (!element) problems.push('card did not render');
  if (problems.length > 0) throw new Error(`invalid Adaptive Card:\n- ${problems.join('\n- ')}`);
  return { element: element!, text: element!.textContent ?? '', bytes };
}
