import { describe, expect, it } from 'vitest';
import type { Db } from '../../scheduling/adapters/pg/Db.js';
import type { AttendeeStatus } from '../../scheduling/model/ConferenceEvent.js';
import { actor, at, booking, cell, request, storesPerTest } from './storeFixtures.js';

const pru: AttendeeStatus = { address: 'pru@police.example.org', type: 'required', response: 'none' };
const ds: AttendeeStatus = { address: 'ds.smith@police.example.org', name: 'DS Smith', type: 'optional', response: 'accepted', respondedAt: new Date('2026-11-24T14:02:00Z') };

/**
 * What every ReplyLedger adapter must do, whatever engine is under it. Run by
 * `test/scheduling/adapters/pg/SqlReplyLedger.test.ts` on PGlite and on the PostgreSQL server.
 */
export function replyLedgerContract(name: string, openDb: () => Promise<Db>): void {
  describe(`ReplyLedger contract: ${name}`, () => {
    const t = storesPerTest(openDb);
    const aBooking = async () => {
      await t.stores.requests.saveRequest(request('r1'), actor, at);
      await t.stores.slots.reserve(booking('b1', 'r1', [cell('10:00')]), [cell('10:00')], actor, at);
    };

    it('has nothing for a booking never seen', async () => {
      await aBooking();
      expect(await t.stores.replies.lastSeen('b1')).toBeUndefined();
    });

    it('keeps what was last seen: every attendee, reply and reply time', async () => {
      await aBooking();
      await t.stores.replies.recordSeen('b1', [pru], [], actor, at);
      const later = new Date(at.getTime() + 60_000);
      await t.stores.replies.recordSeen('b1', [pru, ds], [ds], actor, later);
      expect(await t.stores.replies.lastSeen('b1')).toEqual({ attendees: [pru, ds], seenAt: later });
    });

    it('audits each new answer on the booking, with the address and the reply time', async () => {
      await aBooking();
      await t.stores.replies.recordSeen('b1', [pru, ds], [ds], actor, at);
      const answered = (await t.stores.auditLog.auditTrail('b1')).filter((e) => e.action === 'invite.answered');
      expect(answered).toHaveLength(1);
      expect(answered[0]!.after).toEqual({ address: ds.address, name: 'DS Smith', type: 'optional', response: 'accepted', respondedAt: '2026-11-24T14:02:00.000Z' });
    });

    it('keeps a slot once, audited, and the choice survives later reads', async () => {
      await aBooking();
      await t.stores.replies.recordSeen('b1', [pru], [], actor, at);
      expect(await t.stores.replies.keepSlot('b1', actor, at)).toBe(true);
      expect(await t.stores.replies.keepSlot('b1', actor, at)).toBe(false);
      await t.stores.replies.recordSeen('b1', [pru, ds], [ds], actor, new Date(at.getTime() + 60_000));
      expect((await t.stores.replies.lastSeen('b1'))?.keptAt).toEqual(at);
      expect((await t.stores.auditLog.auditTrail('b1')).filter((e) => e.action === 'booking.kept')).toHaveLength(1);
    });

    it('keeps a slot never read yet, and its first read keeps the choice', async () => {
      await aBooking();
      expect(await t.stores.replies.keepSlot('b1', actor, at)).toBe(true);
      expect(await t.stores.replies.lastSeen('b1')).toEqual({ attendees: [], seenAt: at, keptAt: at });
    });
  });
}
