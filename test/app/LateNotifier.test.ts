import { describe, expect, it } from 'vitest';
import { LateNotifier } from '../../app/LateNotifier.js';
import { loadConfig } from '../../app/config.js';
import { openDesk } from '../../app/openDesk.js';
import type { Notice } from '../../scheduling/model/Notice.js';
import { openTestPglite } from '../fakes/testDb.js';
import { RecordingNotifier } from '../fakes/RecordingNotifier.js';

const notice: Notice = { kind: 'booking.deletedByHand', requestId: 'req-1', bookingId: 'bk-1', nNumbers: ['N146782'] };

describe('LateNotifier', () => {
  it('reaches nobody before it is attached: no-conversation, and card updates fail', async () => {
    const late = new LateNotifier();
    expect(await late.tell('aad-1', notice)).toBe('no-conversation');
    await expect(late.refreshCards('req-1')).rejects.toThrow('no Teams connection here');
  });

  it('passes everything on once attached', async () => {
    const late = new LateNotifier();
    const teams = new RecordingNotifier();
    late.attach(teams);
    expect(await late.tell('aad-1', notice)).toBe('sent');
    await late.refreshCards('req-1');
    expect(teams.told).toEqual([{ userId: 'aad-1', notice }]);
    expect(teams.refreshed).toEqual(['req-1']);
  });

  it("is the command line's notifier: a desk opened without one never pretends to reach anyone", async () => {
    const desk = await openDesk(loadConfig({ LOG_LEVEL: 'silent' }), { db: await openTestPglite() });
    try {
      expect(desk.notifier).toBeInstanceOf(LateNotifier);
      expect(await desk.notifier.tell('aad-1', notice)).toBe('no-conversation');
    } finally {
      await desk.close();
    }
  });
});
