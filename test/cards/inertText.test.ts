import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audienceOf } from '../../cards/Audience.js';
import { inertText, typedText } from '../../cards/inertText.js';

describe('inertText', () => {
  it('breaks template and date-function openers', () => {
    expect(inertText('${a} {{DATE(x)}}')).not.toMatch(/\$\{|\{\{/);
  });
  it('breaks every opener in a run of braces, however long (the fuzz test typed "C{{{,8,")', () => {
    for (const typed of ['C{{{,8,', '{{{', '{{{{{', '${{', '$${{{', '$\u200B{{{']) expect(inertText(typed), typed).not.toMatch(/\$\{|\{\{/);
  });
  it('leaves ordinary text alone', () => {
    expect(inertText('N146782, Bond & Khan: 01604 123456')).toBe('N146782, Bond & Khan: 01604 123456');
  });
});

describe('typedText', () => {
  it('gives back exactly what was typed', () => {
    for (const typed of ['${managerName}', '{{TIME(x)}}', '$ {x}', 'plain']) expect(typedText(inertText(typed))).toBe(typed);
  });
  it('gives back exactly what was typed, and inertText leaves no opener live, for any mix of $, braces and zero-width spaces', () => {
    const typed = fc.string({ unit: fc.constantFrom('$', '{', '}', '\u200B', 'a'), maxLength: 12 });
    fc.assert(
      fc.property(typed, (text) => {
        const inert = inertText(text);
        expect(inert).not.toMatch(/\$\{|\{\{/);
        expect(typedText(inert)).toBe(text);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('audienceOf', () => {
  it('is personal only for a personal chat', () => {
    expect(audienceOf('personal')).toBe('personal');
    expect(audienceOf('groupChat')).toBe('shared');
    expect(audienceOf('channel')).toBe('shared');
    expect(audienceOf(undefined)).toBe('shared');
  });
});
