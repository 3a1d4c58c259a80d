import { createGraphClient } from '../../../../scheduling/adapters/graph/graphClient.js';
import { GraphCalendar } from '../../../../scheduling/adapters/graph/GraphCalendar.js';
import type { ConcurrencyLimit } from '../../../../scheduling/adapters/graph/ConcurrencyLimit.js';
import type { CalendarUnderTest } from '../../../contracts/calendarContract.js';
import { FakeGraph, type FakeGraphOptions } from '../../../fakes/graph/FakeGraph.js';

export const app = { tenantId: 'tenant-1', clientId: 'client-1', clientSecret: 'secret-1' };
export const mailbox = 'strategy.meetings@example.org';

/** A fake Graph started for one test, and the real client (and credential) pointed at it. */
export async function startFakeGraph(options: FakeGraphOptions = {}) {
  const fake = await new FakeGraph({ ...app, mailbox, ...options }).start();
  const client = createGraphClient({ ...app, baseUrl: fake.graphBaseUrl, authorityHost: fake.authorityHost });
  return { fake, client };
}

/** GraphCalendar over a fresh fake Graph, in the contract's terms. */
export async function openFakeGraphCalendar(options: FakeGraphOptions = {}, limit?: ConcurrencyLimit): Promise<CalendarUnderTest & { fake: FakeGraph; calendar: GraphCalendar }> {
  const { fake, client } = await startFakeGraph(options);
  return {
    fake,
    calendar: new GraphCalendar(client, mailbox, limit),
    addHandMade: async (e) => void fake.addEvent({ ...e, ...(e.showAs ? { showAs: e.showAs } : {}) }),
    answer: async (eventId, reply, at) => {
      if (reply.name) fake.addForwardedAttendee(eventId, reply.address, reply.name);
      fake.setAttendeeResponse(eventId, reply.address, reply.response, at);
    },
    moveByHand: async (eventId, start, end) => fake.moveByHand(eventId, start, end),
    deleteByHand: async (eventId) => fake.deleteByHand(eventId),
    close: () => fake.close(),
  };
}
