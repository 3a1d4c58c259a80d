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

  it('fails on text whose only carrier of meaning is a colour', () => {
    expect(() => assertValidCard(card([{ type: 'TextBlock', text: 'Strategy discussion booked', color: 'good', weight: 'Bolder' }]))).toThrow(/colour good as its only marker/);
    expect(() => assertValidCard(card([{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Enter a phone number.', color: 'attention' }] }]))).toThrow(/colour attention/);
    expect(() => assertValidCard(card([{ type: 'TextBlock', text: '\u26A0 Health is missing', color: 'warning' }]))).toThrow(/bold/);
  });

  it('accepts coloured text that also says it in words or a symbol, in bold', () => {
    expect(() => assertValidCard(card([{ type: 'TextBlock', text: '\u26A0 Health is missing', color: 'warning', weight: 'Bolder' }]))).not.toThrow();
    expect(() => assertValidCard(card([{ type: 'TextBlock', text: 'Overdue: was due 10:00', color: 'attention', weight: 'Bolder' }]))).not.toThrow();
    expect(() => assertValidCard(card([{ type: 'TextBlock', text: 'Booked', color: 'default' }]))).not.toThrow();
  });
});
