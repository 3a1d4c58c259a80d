import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../../scheduling/adapters/pg/Db.js';
import { migrate } from '../../../../scheduling/adapters/pg/migrate.js';
import { sqlStores, type Stores } from '../../../../scheduling/adapters/pg/sqlStores.js';
import type { Actor } from '../../../../scheduling/model/Actor.js';
import { openTestPglite, openTestPostgres } from '../../../fakes/testDb.js';

const actor: Actor = { id: 'aad-1', name: 'A. Jones' };
const at = new Date('2026-11-23T12:00:00Z');
const CAL = 'strategy@council.example.org';
const cell = (hhmm: string) => {
  const start = new Date(`2026-11-25T${hhmm}:00Z`);
  return { start, end: new Date(start.getTime() + 15 * 60_000) };
};

for (const [engine, open] of [
  ['PGlite (embedded)', openTestPglite],
  ['PostgreSQL server', openTestPostgres],
] as const) {
  describe(`Card postings and what they open up: ${engine}`, () => {
    let db: Db;
    let stores: Stores;
    beforeEach(async () => {
      db = await open();
      await migrate(db);
      stores = sqlStores(db);
      for (const id of ['r1', 'r2']) {
        await stores.requests.saveRequest(
          { id, idempotencyKey: `key-${id}`, route: 'rota', nNumbers: [id === 'r1' ? 'N146782' : 'N200001'], childSurnames: 'Zanzibarova', managerName: 'A. Jones', managerRole: 'TM', managerPhone: '01604 123456', referredAt: at, urgent: [], longerSlot: false, invitees: [] },
          actor,
          at,
        );
      }
    });
    afterEach(() => db.close());

    const reserve = (id: string, requestId: string, hhmm: string, when = at, replaces?: string) =>
      stores.slots.reserve({ id, requestId, calendarId: CAL, transactionId: `tx-${id}`, ...cell(hhmm), ...(replaces ? { replaces } : {}) }, [cell(hhmm)], actor, when);

    it('gives the live booking of a request, else its most recently cancelled one', async () => {
      expect(await stores.slots.lastBookingFor('r1')).toBeUndefined();
      await reserve('b1', 'r1', '10:00');
      await stores.slots.cancelBooking('b1', actor, at, 'x');
      expect((await stores.slots.lastBookingFor('r1'))?.id).toBe('b1');
      await reserve('b2', 'r1', '10:15', at); // same instant as b1: the live one still wins
      expect((await stores.slots.lastBookingFor('r1'))?.id).toBe('b2');
      await stores.slots.cancelBooking('b2', actor, new Date(at.getTime() + 1000), 'y');
      await reserve('b3', 'r1', '10:30', new Date(at.getTime() + 2000));
      await stores.slots.cancelBooking('b3', actor, new Date(at.getTime() + 3000), 'z');
      expect((await stores.slots.lastBookingFor('r1'))?.id).toBe('b3');
    });

    it('records each posting once, audits it once, and gives them back oldest first with the card that stands there', async () => {
      const posting = { requestId: 'r1', conversationId: '19:g@thread.v2', conversationType: 'groupChat', activityId: 'act-1', card: 'case' as const };
      await stores.postings.recordCardPosting(posting, actor, at);
      await stores.postings.recordCardPosting(posting, actor, new Date(at.getTime() + 1000));
      await stores.postings.recordCardPosting({ ...posting, activityId: 'act-2', card: 'agenda' }, actor, new Date(at.getTime() + 2000));
      expect(await stores.postings.cardPostingsOf('r1')).toEqual([posting, { ...posting, activityId: 'act-2', card: 'agenda' }]);
      expect(await stores.postings.cardPostingsOf('r2')).toEqual([]);
      const audited = (await stores.auditLog.auditTrail('r1')).filter((e) => e.action === 'request.card-posted');
      expect(audited.map((e) => (e.after as { activityId: string }).activityId)).toEqual(['act-1', 'act-2']);
    });

    it('lists only the bookings whose request has a card in the conversation, any thread of a channel', async () => {
      await reserve('b1', 'r1', '10:00');
      await reserve('b2', 'r2', '10:15');
      await stores.postings.recordCardPosting({ requestId: 'r2', conversationId: '19:c@thread.tacv2;messageid=1', conversationType: 'channel', activityId: 'a', card: 'case' }, actor, at);
      expect((await stores.slots.listBookings({ postedIn: '19:c@thread.tacv2;messageid=2' })).map((b) => b.booking.id)).toEqual(['b2']);
      expect((await stores.slots.listBookings({ postedIn: '19:c@thread.tacv2' })).map((b) => b.booking.id)).toEqual(['b2']);
      expect(await stores.slots.listBookings({ postedIn: '19:other@thread.v2' })).toEqual([]);
    });
  });
}
