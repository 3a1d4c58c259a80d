import type { Booking } from '../../scheduling/model/Booking.js';
import type { StoredRequest } from '../../scheduling/model/DiscussionRequest.js';

/** Walks a card's JSON and returns every object whose `id` is `id`. */
export function elementById(card: unknown, id: string): Record<string, unknown> | undefined {
  if (Array.isArray(card)) {
    for (const item of card) {
      const found = elementById(item, id);
      if (found) return found;
    }
  } else if (typeof card === 'object' && card !== null) {
    const record = card as Record<string, unknown>;
    if (record.id === id) return record;
    for (const value of Object.values(record)) {
      const found = elementById(value, id);
      if (found) return found;
    }
  }
  return undefined;
}

/** Every object in a card's JSON whose `type` is `type`, in document order. */
export function elementsOfType(card: unknown, type: string, into: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(card)) for (const item of card) elementsOfType(item, type, into);
  else if (typeof card === 'object' && card !== null) {
    const record = card as Record<string, unknown>;
    if (record.type === type) into.push(record);
    for (const value of Object.values(record)) elementsOfType(value, type, into);
  }
  return into;
}

/** The text of a RichTextBlock (its TextRuns joined) or a TextBlock. */
export function textOf(element: Record<string, unknown> | undefined): string {
  if (!element) return '';
  if (typeof element.text === 'string') return element.text;
  const inlines = (element.inlines ?? []) as Array<{ text?: string }>;
  return inlines.map((i) => i.text ?? '').join('');
}

/** The actions a user can press: titles of top-level and ActionSet actions. */
export function actionTitles(card: unknown): string[] {
  return ['Action.Execute', 'Action.Submit', 'Action.ShowCard']
    .flatMap((type) => elementsOfType(card, type))
    .filter((a) => a.type !== 'Action.Submit') // fallbacks of Action.Execute
    .map((a) => String(a.title));
}

export const request: StoredRequest = {
  id: 'req-1',
  idempotencyKey: 'key-1',
  route: 'rota',
  nNumbers: ['N146782', 'N146783'],
  childSurnames: 'Zanzibarova',
  managerName: 'A. Jones',
  managerRole: 'TM',
  managerPhone: '01604 123456',
  referredAt: new Date('2026-11-23T09:30:00Z'), // Monday
  urgent: [],
  longerSlot: false,
  invitees: [],
  requestedBy: { id: 'aad-1', name: 'A. Jones' },
  createdAt: new Date('2026-11-23T09:31:00Z'),
};

export const booking: Booking = {
  id: 'bk-1',
  requestId: 'req-1',
  calendarId: 'strategy.meetings@example.org',
  status: 'booked',
  transactionId: 'bk-1',
  eventId: 'ev-1',
  start: new Date('2026-11-25T10:15:00Z'), // Wednesday, GMT
  end: new Date('2026-11-25T10:30:00Z'),
  createdAt: new Date('2026-11-23T09:31:00Z'),
  updatedAt: new Date('2026-11-23T09:31:01Z'),
};
