/**
 * Replaces every `{{name}}` in the template's string values with `values[name]`. Values go into
 * parsed strings, never into JSON text, so no value can change the manifest's structure.
 * @throws when the template names a placeholder that has no value
 * @example
 * fillTemplate({ id: '{{botId}}' }, { botId: 'abc' }) //=> { id: 'abc' }
 */
export function fillTemplate(template: unknown, values: Readonly<Record<string, string>>): unknown {
  if (typeof template === 'string') {
    return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`manifest template: no value for {{${name}}}`);
      return value;
    });
  }
  if (Array.isArray(template)) return template.map((item) => fillTemplate(item, values));
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([key, item]) => [key, fillTemplate(item, values)]));
  }
  return template;
}
