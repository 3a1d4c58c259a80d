import { describe, expect, it } from 'vitest';
import { audienceOf } from '../../cards/Audience.js';
import { inertText, typedText } from '../../cards/inertText.js';

describe('inertText', () => {
  it('breaks template and date-function openers', () => {
    expect(inertText('${a} {{DATE(x)}}')).not.toMatch(/\$\{|\{\{/);
  });
  it('leaves ordinary text alone', () => {
    expect(inertText('N146782, Bond & Khan: 01604 123456')).toBe('N146782, Bond & Khan: 01604 123456');
  });
});

describe('typedText', () => {
  it('gives back exactly what was typed', () => {
    for (const typed of ['${managerName}', '{{TIME(x)}}', '$ {x}', 'plain']) expect(typedText(inertText(typed))).toBe(typed);
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
