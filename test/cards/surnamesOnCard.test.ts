import { describe, expect, it } from 'vitest';
import { surnamesOnCard } from '../../cards/surnamesOnCard.js';

const card = (text: string) => ({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text }], actions: [{ data: { note: 'x' } }] });

describe('surnamesOnCard', () => {
  it('finds a surname anywhere in the card, whatever the case', () => {
    expect(surnamesOnCard(card('The BOND children'), 'Bond')).toEqual(['Bond']);
    expect(surnamesOnCard({ actions: [{ data: { hidden: 'bond' } }] }, 'Bond')).toEqual(['Bond']);
  });

  it('checks each of several surnames', () => {
    expect(surnamesOnCard(card('Khan and Smith-Jones'), "Bond, Smith-Jones & Khan")).toEqual(['Smith-Jones', 'Khan']);
  });

  it('matches whole words only', () => {
    expect(surnamesOnCard(card('Bondi beach'), 'Bond')).toEqual([]);
  });

  it('finds nothing on a card that names the case by N number', () => {
    expect(surnamesOnCard(card('Case N146782'), 'Bond')).toEqual([]);
  });
});
