import { afterEach, describe, expect, it } from 'vitest';
import { GraphCalendar } from '../../../../scheduling/adapters/graph/GraphCalendar.js';
import { GraphMeetingChats } from '../../../../scheduling/adapters/graph/GraphMeetingChats.js';
import type { ConferenceEvent } from '../../../../scheduling/model/ConferenceEvent.js';
import { meetingChatId } from '../../../../scheduling/rules/meetingChatId.js';
import type { FakeGraph } from '../../../fakes/graph/FakeGraph.js';
import { mailbox, startFakeGraph } from './openFakeGraphCalendar.js';

const event: ConferenceEvent = {
  subject: 'N123456 children / TM: Ann Manager (01604 000000)',
  start: new Date('2026-11-25T10:00:00Z'),
  end: new Date('2026-11-25T10:15:00Z'),
  attendees: [{ address: 'police.referral.unit@example.org', type: 'required' }],
  body: 'Agenda: strategy discussion.',
  location: 'Conference N123456',
  bookingId: 'booking-1',
  teamsMeeting: true,
};

const catalogId = 'e3e29acb-8c79-412b-b746-e6c39ff4cd22';
const chatId = '19:meeting_NDQ4MGRhYjgtMzc5MS00ZWMx@thread.v2';

let fake: FakeGraph | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function open() {
  const started = await startFakeGraph();
  fake = started.fake;
  return { fake, client: started.client };
}

describe('Teams meeting mode on the Graph calendar', () => {
  it('creates the event as a Teams meeting and gives back its join URL, whose chat is the meeting thread', async () => {
    const { fake, client } = await open();
    const calendar = new GraphCalendar(client, mailbox);
    const ref = await calendar.createEvent(event, 'txn-1');
    const [stored] = fake.events();
    expect(stored).toMatchObject({ isOnlineMeeting: true, joinUrl: ref.joinUrl });
    expect(ref.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3ameeting_/);
    expect(meetingChatId(ref.joinUrl!)).toMatch(/^19:meeting_[A-Za-z0-9]+@thread\.v2$/);
    // A retried create (same transactionId) is the same meeting; a read gives the URL too.
    expect(await calendar.createEvent(event, 'txn-1')).toEqual(ref);
    expect((await calendar.getEvent(ref.id))?.joinUrl).toBe(ref.joinUrl);
  });

  it('creates a plain event without a join URL on the conference line', async () => {
    const { fake, client } = await open();
    const { teamsMeeting: _, ...dialIn } = event;
    const ref = await new GraphCalendar(client, mailbox).createEvent(dialIn, 'txn-2');
    expect(ref.joinUrl).toBeUndefined();
    expect(fake.events()[0]).toMatchObject({ isOnlineMeeting: false });
    expect(fake.events()[0]!.joinUrl).toBeUndefined();
  });
});

describe('GraphMeetingChats', () => {
  it("installs the bot's app into the chat, bound to its app catalog entry", async () => {
    const { fake, client } = await open();
    await new GraphMeetingChats(client, { teamsAppCatalogId: catalogId, graphBaseUrl: fake.graphBaseUrl }).installBot(chatId);
    expect(fake.chats.list()).toMatchObject([{ chatId, teamsAppId: catalogId }]);
    expect(fake.counts.installApp).toBe(1);
  });

  it('takes "already installed" (409) as done, so installing again is safe', async () => {
    const { fake, client } = await open();
    const chats = new GraphMeetingChats(client, { teamsAppCatalogId: catalogId, graphBaseUrl: fake.graphBaseUrl });
    await chats.installBot(chatId);
    await expect(chats.installBot(chatId)).resolves.toBeUndefined();
    expect(fake.counts.installApp).toBe(2);
    expect(fake.chats.list()).toHaveLength(1);
  });

  it('retries when throttled or briefly unavailable, even after an install that went through', async () => {
    const { fake, client } = await open();
    fake.failNext('installApp', { status: 429, retryAfterSeconds: 0.01 });
    fake.failNext('installApp', { status: 503, retryAfterSeconds: 0.01, afterProcessing: true });
    await new GraphMeetingChats(client, { teamsAppCatalogId: catalogId, graphBaseUrl: fake.graphBaseUrl }).installBot(chatId);
    expect(fake.counts.installApp).toBe(3); // 429, then installed but answered 503, then 409
    expect(fake.chats.list()).toHaveLength(1);
  });

  it('fails on anything else (a chat Graph does not know), for the job to try again later', async () => {
    const { fake, client } = await open();
    const chats = new GraphMeetingChats(client, { teamsAppCatalogId: catalogId, graphBaseUrl: fake.graphBaseUrl });
    await expect(chats.installBot('not-a-chat')).rejects.toMatchObject({ statusCode: 404 });
    fake.failNext('installApp', { status: 403 });
    await expect(chats.installBot(chatId)).rejects.toMatchObject({ statusCode: 403 });
    expect(fake.chats.list()).toEqual([]);
  });
});
