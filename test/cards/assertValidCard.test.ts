import { describe, expect, it } from 'vitest';
import { assertValidCard } from '../../cards/assertValidCard.js';

const card = (body: unknown[]) => ({ type: 'AdaptiveCard', version: '1.5', body });

describe('assertValidCard', () => {
  it('accepts a plain valid card and gives its text', () => {
    expect(assertValidCard(card([{ type: 'TextBlock', text: 'Hello' }])).text).toBe('Hello');
  });

  it('fails on an element type the renderer does not know', () => {
    expect(() => assertValidCard(card([{ type: 'TextBlok', text: 'x' }]))).toThrow(/Unknown element type/);
  });

  it('fails on a required input without a label or error message', () => {
    expect(() => assertValidCard(card([{ type: 'Input.Text', id: 'a', isRequired: true }]))).toThrow(/label/);
  });

  it('fails on a card over 28 KB', () => {
    expect(() => assertValidCard(card([{ type: 'TextBlock', text: 'x'.repeat(29 * 1024) }]))).toThrow(/over the 28672-byte limit/);
  });

  it('fails on a binding left unexpanded', () => {
    expect(() => assertValidCard(card([{ type: 'TextBlock', text: '${missing}' }]))).toThrow(/binding/);
  });
});
