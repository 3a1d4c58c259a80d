import { Writable } from 'node:stream';
import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { assertValidCard } from '../../cards/assertValidCard.js';
import { surnamesOnCard } from '../../cards/surnamesOnCard.js';
import { cardAnswer, cardMessage } from '../../bot/cardAnswers.js';
import { casesNamedOutOfPlace, casesOf, guardOutgoingCards } from '../../bot/guardOutgoingCards.js';
import { cardIn } from './LoopbackConnector.js';

/** An adapter that keeps what a turn sends and updates, instead of calling Teams. */
class KeepingAdapter extends BotAdapter {
  readonly sent: Partial<Activity>[] = [];
  readonly updated: Partial<Activity>[] = [];
  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    this.sent.push(...activities);
    return activities.map((_, i) => ({ id: `sent-${i}` }));
  }
  async updateActivity(_context: TurnContext, activity: Partial<Activity>): Promise<void> {
    this.updated.push(activity);
  }
  async deleteActivity(): Promise<void> {}
  async continueConversation(_reference: Partial<ConversationReference>, _logic: (context: TurnContext) => Promise<void>): Promise<void> {}
}

const requester = { id: '29:alex', name: 'Alex Wilber', aadObjectId: 'aad-alex' };
const someoneElse = { id: '29:megan', name: 'Megan Bowen', aadObjectId: 'aad-megan' };
const theCase = { childSurnames: 'Zanzibarova', requestedBy: 'aad-alex', requestId: 'req-1' };
const naming = { type: 'AdaptiveCard' as const, version: '1.5', body: [{ type: 'TextBlock', text: 'Children: Zanzibarova' }] };
const byNNumber = { type: 'AdaptiveCard' as const, version: '1.5', body: [{ type: 'TextBlock', text: 'Case: N146782' }] };

function turnIn(conversationType: string, from = requester) {
  const adapter = new KeepingAdapter();
  const activity = {
    type: 'message',
    id: 'incoming-1',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:1/',
    from,
    recipient: { id: '28:bot', name: 'Strategy Desk' },
    conversation: { id: `conv-${conversationType}`, conversationType, isGroup: conversationType !== 'personal' },
  } as Activity;
  const context = new TurnContext(adapter, activity);
  const lines: string[] = [];
  const log = pino({ level: 'trace' }, new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }));
  guardOutgoingCards(context, log);
  casesOf(context).push(theCase);
  return { adapter, context, lines };
}

describe('guardOutgoingCards', () => {
  it('refuses to post a card naming a child in a shared conversation: a generic card goes, and the log has ids only', async () => {
    const { adapter, context, lines } = turnIn('groupChat');
    await context.sendActivity(cardMessage(naming));
    const posted = cardIn(adapter.sent[0] as Record<string, any>)!;
    expect(surnamesOnCard(posted, 'Zanzibarova')).toEqual([]);
    expect(assertValidCard(posted).text).toContain('Not shown here');
    const logged = lines.join('');
    expect(logged).toContain('"level":50');
    expect(logged).toContain('req-1');
    expect(logged).not.toMatch(/Zanzibarova/i);
  });

  it('checks card updates and invoke answers the same way', async () => {
    const { adapter, context } = turnIn('channel');
    await context.updateActivity({ ...cardMessage(naming), id: 'card-1' });
    await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: cardAnswer(naming) } });
    await context.sendActivity('The Zanzibarova children');
    expect(surnamesOnCard(adapter.updated, 'Zanzibarova')).toEqual([]);
    expect(adapter.updated[0]?.id).toBe('card-1');
    expect(surnamesOnCard(adapter.sent, 'Zanzibarova')).toEqual([]);
    const answer = (adapter.sent[0]!.value as { body: { type: string; value: unknown } }).body;
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    assertValidCard(answer.value);
  });

  it("refuses it in someone else's personal chat too", async () => {
    const { adapter, context } = turnIn('personal', someoneElse);
    await context.sendActivity(cardMessage(naming));
    expect(surnamesOnCard(adapter.sent, 'Zanzibarova')).toEqual([]);
  });

  it("lets it through in the requester's personal chat, and lets a card naming the case by N number through anywhere", async () => {
    const personal = turnIn('personal');
    await personal.context.sendActivity(cardMessage(naming));
    expect(cardIn(personal.adapter.sent[0] as Record<string, any>)).toEqual(naming);
    const shared = turnIn('groupChat');
    await shared.context.sendActivity(cardMessage(byNNumber));
    expect(cardIn(shared.adapter.sent[0] as Record<string, any>)).toEqual(byNNumber);
    expect(shared.lines.join('')).not.toContain('withheld');
  });
});

describe('casesNamedOutOfPlace', () => {
  it('names the cases whose surnames a card shows outside the requester’s personal chat', () => {
    expect(casesNamedOutOfPlace(naming, { conversationType: 'groupChat', viewerId: 'aad-alex' }, [theCase])).toEqual([theCase]);
    expect(casesNamedOutOfPlace(naming, { conversationType: 'personal', viewerId: 'aad-alex' }, [theCase])).toEqual([]);
    expect(casesNamedOutOfPlace(naming, { conversationType: undefined, viewerId: 'aad-alex' }, [theCase])).toEqual([theCase]);
  });
});

describe('casesNamedOutOfPlace, for a discussion participant (the action plan)', () => {
  const plan = { ...theCase, participants: ['aad-megan'] };
  it('lets a participant see the names in their own invoke answer or their personal chat, and nobody else', () => {
    expect(casesNamedOutOfPlace(naming, { conversationType: 'groupChat', viewerId: 'aad-megan', ownAnswer: true }, [plan])).toEqual([]);
    expect(casesNamedOutOfPlace(naming, { conversationType: 'personal', viewerId: 'aad-megan' }, [plan])).toEqual([]);
    // Posted or updated in the group chat: everyone there sees it.
    expect(casesNamedOutOfPlace(naming, { conversationType: 'groupChat', viewerId: 'aad-megan' }, [plan])).toEqual([plan]);
    // Someone the desk did not find to be a participant.
    expect(casesNamedOutOfPlace(naming, { conversationType: 'groupChat', viewerId: 'aad-eve', ownAnswer: true }, [plan])).toEqual([plan]);
    expect(casesNamedOutOfPlace(naming, { conversationType: 'personal', viewerId: 'aad-eve' }, [plan])).toEqual([plan]);
  });
});
