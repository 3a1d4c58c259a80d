import * as ACData from 'adaptivecards-templating';

/** An Adaptive Card as JSON, ready to attach to an activity or return from an invoke. */
export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly version: string;
  readonly body: readonly unknown[];
  readonly actions?: readonly unknown[];
  readonly [property: string]: unknown;
}

/** The content type of an Adaptive Card attachment and of an invoke answer that carries one. */
export const adaptiveCardContentType = 'application/vnd.microsoft.card.adaptive';

/**
 * Parsing a template (every `${...}` through an ANTLR parser) costs more than expanding it, so each
 * template is parsed once. A `Template` can be bound to different data (its documentation says so),
 * and `expand` is synchronous, so one instance per template is safe.
 */
const prepared = new WeakMap<object, ACData.Template>();
function preparedTemplate(template: object): ACData.Template {
  let parsed = prepared.get(template);
  if (!parsed) prepared.set(template, (parsed = new ACData.Template(template)));
  return parsed;
}

/**
 * Binds a card template (`cards/<name>.json`) to its data with adaptivecards-templating. Data
 * values are never evaluated as expressions; builders still pass typed text through `inertText`.
 * @example
 * expandCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${title}' }] }, { title: 'Booked' })
 * //=> { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Booked' }] }
 */
export function expandCard(template: object, data: object): AdaptiveCard {
  const card = preparedTemplate(template).expand({ $root: data }) as AdaptiveCard;
  if (card?.type !== 'AdaptiveCard') throw new Error('card template did not expand to an AdaptiveCard');
  return card;
}

/**
 * Binds part of a card (a JSON template that is not a whole card: a form's elements) to its data,
 * for a card template to place where it needs it (a `"${form}"` value takes the expanded object).
 * @example
 * expandFragment({ items: [{ type: 'TextBlock', text: '${title}' }] }, { title: 'Add' }) //=> { items: [{ type: 'TextBlock', text: 'Add' }] }
 */
export function expandFragment<T>(template: object, data: object): T {
  return preparedTemplate(template).expand({ $root: data }) as T;
}
