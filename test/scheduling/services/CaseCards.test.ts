import { afterEach, describe, expect, it } from 'vitest';
import type { ActionSource } from '../../../scheduling/model/ActionSource.js';
import type { Jobs } from '../../../scheduling/ports/Jobs.js';
import { refreshCardsJob } from '../../../scheduling/services/CaseCards.js';
import { manager, openTestDesk, requestInput, type TestDesk } from '../../fakes/testDesk.js';
import { ManualClock } from '../../fakes/ManualClock.js';
import { ManualJobs } from '../../fakes/ManualJobs.js';

let t: TestDesk;
afterEach(async () => {
  await t.desk.close();
});

const managersChat = { kind: 'teams', conversationId: 'a:manager-personal', conversationType: 'personal' } as const satisfies ActionSource;
const teamGroup = { kind: 'teams', conversationId: '19:team-group@thread.v2', conversationType: 'groupChat' } as const satisfies ActionSource;

let keys = 0;
async function booked() {
  const outcome = await t.desk.submitRequest(requestInput(), manager, `k-${++keys}`);
  if (outcome.route !== 'rota') throw new Error('expected the rota route');
  return outcome;
}

const refreshJobs = () => t.jobs.pending().filter((j) => j.name === refreshCardsJob);

describe('CaseCards', () => {
  it('has the cards of a request refreshed by a job after a cancel, and the job asks the notifier for that request', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z'); // Mon
    const { booking, request } = await booked();
    expect(refreshJobs()).toEqual([]);

    await t.desk.cancelBooking(booking.id, manager, managersChat, 'no longer needed');

    expect(refreshJobs()).toEqual([expect.objectContaining({ data: { requestId: request.id }, key: request.id })]);
    expect(t.notifier.refreshed).toEqual([]);
    await t.jobs.runDue();
    expect(t.notifier.refreshed).toEqual([request.id]);
  });

  it('refreshes after a move to a longer slot and after police contact is recorded, one waiting job per request', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z'); // Mon
    const { booking, request } = await booked();
    const { booking: moved } = await t.desk.moveToLongerSlot(booking.id, manager, managersChat);
    expect(refreshJobs().map((j) => j.key)).toEqual([request.id]);
    await t.desk.cancelBooking(moved.id, manager, managersChat, 'x');
    expect(refreshJobs()).toHaveLength(1); // the waiting one reads the case when it runs

    const urgent = await t.desk.submitRequest(requestInput({ nNumbers: 'N200001', urgent: 'home-alone' }), manager, 'urgent-1');
    await t.desk.recordPoliceContact(urgent.request.id, manager, managersChat);
    expect(refreshJobs().map((j) => j.key)).toEqual([request.id, urgent.request.id]);
  });

  it('refreshes at once when the job cannot be kept, and the change stands', async () => {
    // Only the card refresh cannot be kept (the other jobs of a booking, such as the agenda's, can).
    const others = new ManualJobs(new ManualClock('2026-11-23T12:00:00Z'));
    const failing: Jobs = {
      schedule: (name, data, options) => (name === refreshCardsJob ? Promise.reject(new Error('store down')) : others.schedule(name, data, options)),
      cancel: (name, key) => (name === refreshCardsJob ? Promise.reject(new Error('store down')) : others.cancel(name, key)),
    };
    t = await openTestDesk('2026-11-23T12:00:00Z', {}, { jobs: failing });
    const { booking, request } = await booked();
    const { booking: cancelled } = await t.desk.cancelBooking(booking.id, manager, managersChat, 'x');
    expect(cancelled.status).toBe('cancelled');
    expect(t.notifier.refreshed).toEqual([request.id]);
  });

  it('gives the case as it is now with every posted card and the newest reference of its conversation', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z'); // Mon
    const { booking, request } = await booked();
    await t.desk.rememberConversation(manager.id, teamGroup.conversationId, { serviceUrl: 'http://127.0.0.1:1/', conversation: { id: teamGroup.conversationId }, user: { id: 'm' } });
    await t.desk.recordCardPosted(request.id, manager, teamGroup, 'act-1');
    await t.desk.recordCardPosted(request.id, manager, managersChat, 'act-2', 'agenda');
    await t.desk.cancelBooking(booking.id, manager, managersChat, 'x');

    const view = await t.desk.caseCards(request.id);

    expect(view.request.id).toBe(request.id);
    expect(view.booking).toMatchObject({ id: booking.id, status: 'cancelled' });
    expect(view.policeEmail).toBe('sent');
    expect(view.postings).toEqual([
      { requestId: request.id, conversationId: teamGroup.conversationId, conversationType: 'groupChat', activityId: 'act-1', card: 'case', reference: { serviceUrl: 'http://127.0.0.1:1/', conversation: { id: teamGroup.conversationId }, user: { id: 'm' } } },
      { requestId: request.id, conversationId: managersChat.conversationId, conversationType: 'personal', activityId: 'act-2', card: 'agenda' },
    ]);
  });

  it('refuses to refresh a job without a request id, so the engine keeps it in view', async () => {
    t = await openTestDesk('2026-11-23T12:00:00Z');
    await expect(t.desk.jobHandlers[refreshCardsJob]!({})).rejects.toThrow('requestId is missing');
  });
});
