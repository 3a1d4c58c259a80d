import { describe, expect, it } from 'vitest';
import { assertValidCard } from '../../cards/assertValidCard.js';
import { namedAgain, requestCard, requestCardFields, requestCardValues, surnameAgain } from '../../cards/requestCard.js';
import { urgentCriterionIds } from '../../scheduling/model/UrgentCriterion.js';
import { elementById, elementsOfType, textOf } from './cardFixtures.js';

const typed = {
  nNumbers: 'N12',
  childSurnames: 'Zanzibarova',
  managerName: 'A. Jones',
  managerRole: 'PM',
  managerPhone: '01604 123456',
  referredDate: '2026-11-23',
  referredTime: '09:30',
  urgent: 'home-alone,missing',
  longerSlot: 'true',
  reason: 'Bruising seen at school',
  invitees: 'nurse@health.example.org',
};

const inputTypes = ['Input.Text', 'Input.ChoiceSet', 'Input.Date', 'Input.Toggle'];

describe('requestCard', () => {
  it('is a valid Adaptive Card 1.5 under 28 KB', () => {
    const card = requestCard({ audience: 'personal', requestKey: 'k1', values: typed, errors: { nNumbers: 'bad' } });
    expect(card.version).toBe('1.5');
    expect(assertValidCard(card).bytes).toBeLessThan(28 * 1024);
  });

  it('has exactly the input ids other clients use, of the right kinds', () => {
    const card = requestCard({ audience: 'personal', requestKey: 'k1', values: {} });
    const inputs = inputTypes.flatMap((t) => elementsOfType(card, t));
    const api = ['nNumbers', 'childSurnames', 'managerName', 'managerRole', 'managerPhone', 'referredDate', 'referredTime', 'urgent', 'longerSlot', 'reason', 'invitees'];
    expect(inputs.map((i) => String(i.id)).sort()).toEqual([...api].sort());
    expect([...requestCardFields]).toEqual(api);
    expect(elementById(card, 'referredDate')?.type).toBe('Input.Date');
    expect(elementById(card, 'referredTime')?.type).toBe('Input.Text'); // typed as HH:MM: en-GB 24-hour, any minute
    expect(elementById(card, 'longerSlot')).toMatchObject({ type: 'Input.Toggle', valueOn: 'true', valueOff: 'false' });
    expect(elementById(card, 'managerRole')).toMatchObject({ type: 'Input.ChoiceSet', choices: [{ value: 'TM' }, { value: 'PM' }] });
  });

  it('offers the nine urgent criteria by id as a multi-select', () => {
    const urgent = elementById(requestCard({ audience: 'personal', requestKey: 'k1', values: {} }), 'urgent');
    expect(urgent?.isMultiSelect).toBe(true);
    expect((urgent?.choices as Array<{ value: string }>).map((c) => c.value)).toEqual([...urgentCriterionIds]);
  });

  it('submits with Action.Execute verb strategy.request carrying the card instance key, with an Action.Submit fallback', () => {
    const [action] = requestCard({ audience: 'personal', requestKey: 'key-42', values: {} }).actions as Array<Record<string, any>>;
    expect(action).toMatchObject({ type: 'Action.Execute', verb: 'strategy.request', data: { requestKey: 'key-42' } });
    expect(action!.fallback).toMatchObject({ type: 'Action.Submit', data: { verb: 'strategy.request', requestKey: 'key-42' } });
  });

  it('shows prefilled values in their inputs', () => {
    const card = requestCard({ audience: 'personal', requestKey: 'k1', values: { managerName: 'Alex Wilber', referredDate: '2026-11-23', referredTime: '14:02' } });
    expect(elementById(card, 'managerName')?.value).toBe('Alex Wilber');
    expect(elementById(card, 'referredDate')?.value).toBe('2026-11-23');
    expect(elementById(card, 'referredTime')?.value).toBe('14:02');
    expect(elementById(card, 'nNumbers')?.value).toBe('');
  });

  it('shows each error right under its field, in attention colour, and keeps every typed value', () => {
    const card = requestCard({ audience: 'personal', requestKey: 'k1', values: typed, errors: { nNumbers: '"N12" is not an N number.', invitees: 'Not an address.' } });
    for (const [field, value] of Object.entries(typed)) expect(elementById(card, field)?.value).toBe(value);
    const body = card.body as Array<Record<string, unknown>>;
    const at = body.findIndex((e) => e.id === 'nNumbers');
    expect(body[at + 1]?.id).toBe('nNumbersError');
    expect(textOf(body[at + 1])).toBe('⚠ "N12" is not an N number.');
    expect(elementsOfType(body[at + 1], 'TextRun')[0]?.color).toBe('attention');
    expect(textOf(elementById(card, 'inviteesError'))).toBe('⚠ Not an address.');
    expect(elementById(card, 'childSurnamesError')).toBeUndefined();
    expect(assertValidCard(card).text).toContain('"N12" is not an N number.');
  });

  it('puts an error about the referral instant at the time, and one about a field it has no input for at the top', () => {
    const card = requestCard({ audience: 'personal', requestKey: 'k1', values: typed, errors: { referredAt: 'The referral time is in the future.', managerEmail: 'not valid' } });
    expect(textOf(elementById(card, 'referredTimeError'))).toBe('⚠ The referral time is in the future.');
    const text = assertValidCard(card).text;
    expect(text).toContain('Please correct 2 things before sending:');
    expect(text).toContain('Your Teams email address: not valid');
  });

  it('lists every problem at once at the top, and leaves no check to the client that would hold the others back', () => {
    const errors = { nNumbers: '"N12" is not an N number.', managerPhone: 'Enter a phone number the police can call you on.', referredTime: 'The referral time is in the future: it is 13:28 now (UK time).' };
    const card = requestCard({ audience: 'personal', requestKey: 'k1', values: typed, errors });
    const { text } = assertValidCard(card);
    expect(text).toContain('Please correct 3 things before sending:');
    expect(text).toContain('N number(s): "N12" is not an N number.');
    expect(text).toContain('Phone number: Enter a phone number the police can call you on.');
    expect(text).toContain('Referral time: The referral time is in the future: it is 13:28 now (UK time).');
    expect(JSON.stringify(card)).not.toContain('isRequired');
  });

  it('asks whether it is urgent first, and folds the optional inputs under More options unless they hold something', () => {
    const card = requestCard({ audience: 'personal', requestKey: 'k1', values: { managerName: 'A. Jones' } });
    const ids = (card.body as Array<{ id?: string }>).map((e) => e.id).filter(Boolean);
    expect(ids.indexOf('urgent')).toBeLessThan(ids.indexOf('nNumbers'));
    expect(elementById(card, 'moreOptions')?.isVisible).toBe(false);
    expect(elementById(requestCard({ audience: 'personal', requestKey: 'k1', values: { reason: 'School' } }), 'moreOptions')?.isVisible).toBe(true);
    expect(elementById(requestCard({ audience: 'personal', requestKey: 'k1', values: {}, errors: { invitees: 'Not an address.' } }), 'moreOptions')?.isVisible).toBe(true);
  });

  it('shows no error block when there are no errors', () => {
    const card = requestCard({ audience: 'personal', requestKey: 'k1', values: typed });
    expect(JSON.stringify(card)).not.toContain('Error"');
    expect(assertValidCard(card).text).not.toContain('Please correct');
  });

  it.each([
    ['a template expression', '${managerName}'],
    ['markdown bold', '**bold**'],
    ['a markdown link', '[link](http://x)'],
    ['a renderer date function', '{{DATE(2017-02-14T06:08:39Z, SHORT)}}'],
  ])('never evaluates or renders %s that a user typed', (_what, text) => {
    const values = { ...typed, managerName: text, reason: text, childSurnames: text };
    const card = requestCard({ audience: 'personal', requestKey: 'k1', values, errors: { managerName: `"${text}" is not a name.` } });
    const rendered = assertValidCard(card);
    expect(rendered.element.querySelectorAll('strong, em, a').length).toBe(0);
    expect(rendered.text).not.toContain('A. Jones'); // ${managerName} did not bind to anything
    expect(rendered.text).not.toContain('Feb 14, 2017'); // what the DATE function would give
    // What comes back from the inputs is exactly what was typed.
    expect(requestCardValues({ managerName: elementById(card, 'managerName')?.value, reason: elementById(card, 'reason')?.value })).toEqual({ managerName: text, reason: text });
  });
});

describe('requestCardValues', () => {
  it('keeps only the card fields, as text', () => {
    expect(requestCardValues({ nNumbers: 'N146782', longerSlot: true, requestKey: 'k1', verb: 'x', other: 1 })).toEqual({ nNumbers: 'N146782', longerSlot: 'true' });
  });

  it('joins a multi-select sent as a list', () => {
    expect(requestCardValues({ urgent: ['home-alone', 'missing'] })).toEqual({ urgent: 'home-alone,missing' });
  });

  it('ignores values that are not text', () => {
    expect(requestCardValues({ nNumbers: { $gt: 1 }, reason: null })).toEqual({});
    expect(requestCardValues('not an object')).toEqual({});
  });

  it('leaves the typed surnames out of a card for a shared conversation, asking for them again, and keeps every other value', () => {
    const card = requestCard({ audience: 'shared', requestKey: 'k1', values: typed, errors: { nNumbers: '"N12" is not an N number.' } });
    expect(elementById(card, 'childSurnames')?.value).toBe('');
    expect(textOf(elementById(card, 'childSurnamesError'))).toBe(`⚠ ${surnameAgain}`);
    for (const [field, value] of Object.entries(typed)) if (field !== 'childSurnames') expect(elementById(card, field)?.value).toBe(value);
    expect(JSON.stringify(card)).not.toContain('Zanzibarova');
    assertValidCard(card);
  });

  it('leaves out of a shared card any other typed value that names the children, asking for it again without the name', () => {
    const named = { ...typed, reason: 'Zanzibarova twins seen with bruising', managerName: 'A. Jones' };
    const card = requestCard({ audience: 'shared', requestKey: 'k1', values: { ...named, nNumbers: 'Zanzibarova' }, errors: { nNumbers: '"Zanzibarova" is not an N number.' } });
    expect(JSON.stringify(card)).not.toContain('Zanzibarova');
    expect(textOf(elementById(card, 'nNumbersError'))).toBe(`⚠ ${namedAgain}`);
    expect(elementById(card, 'reason')?.value).toBe('');
    expect(textOf(elementById(card, 'reasonError'))).toBe(`⚠ ${namedAgain}`);
    expect(elementById(card, 'managerName')?.value).toBe('A. Jones');
    assertValidCard(card);
  });
});
