import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertValidCard } from '../../cards/assertValidCard.js';
import { surnamesOnCard } from '../../cards/surnamesOnCard.js';
import { type BotHarness, startBot } from './botHarness.js';
import { cardIn } from './LoopbackConnector.js';
import { answeredCard, askForRequestCard, filled, press, submitRequest } from './requestFlow.js';
import { alex, megan, teamsMessage, type ConversationType } from './teamsActivities.js';

let bot: BotHarness;
beforeEach(async () => {
  bot = await startBot({ now: '2026-11-23T14:02:00Z' /* Monday, GMT */ });
});
afterEach(() => bot.close());

const alexPersonal = { conversationType: 'personal' as ConversationType, conversationId: 'a:alex-personal', from: alex };
const group = { conversationType: 'groupChat' as ConversationType, conversationId: '19:plan-group@thread.v2' };
const meganInOtherGroup = { conversationType: 'groupChat' as ConversationType, conversationId: '19:other-group@thread.v2', from: megan };

/** Alex books, then types `agenda N146782` in the group chat: gives the plan card posted there. */
async function planInGroup() {
  const sent = await askForRequestCard(bot, alexPersonal);
  answeredCard(await submitRequest(bot, sent, filled, alexPersonal));
  await bot.connector.waitFor((c) => c.method === 'PUT' && c.activityId === sent.cardId);
  const before = bot.connector.posted().length;
  expect((await bot.post(teamsMessage('agenda N146782', { serviceUrl: bot.connector.url, ...group, from: alex }))).status).toBe(200);
  const posted = bot.connector.posted().slice(before);
  expect(posted).toHaveLength(2);
  const [agenda, plan] = posted.map((c) => ({ card: cardIn(c.body)!, id: c.id }));
  const data = plan!.card.refresh.action.data as { discussionId: string; version: number };
  return { agenda: agenda!, plan: plan!, discussionId: data.discussionId, version: data.version };
}

/** Someone presses a plan verb on the posted plan card; gives the card they get back. */
async function act(cardId: string, verb: string, data: Record<string, unknown>, where: object) {
  return answeredCard(await press(bot, verb, data, cardId, where));
}

/** The id of the plan's first action, as the store has it (the command line's view). */
async function firstActionId(discussionId: string): Promise<string> {
  const { view } = await bot.desk.viewPlan(discussionId, { id: 'operator', name: 'operator' }, { kind: 'operator' });
  if (view.sight !== 'full') throw new Error('the operator sees the full plan');
  return view.plan.actions[0]!.id;
}

const inGroup = (from: typeof alex) => ({ ...group, from });
const current = async (cardId: string, discussionId: string, from = alex) => act(cardId, 'plan.refresh', { discussionId }, inGroup(from));

describe('the shared action plan over HTTP', () => {
  it('agenda <N number> posts the agenda and a plan card that names no child; a participant\'s refresh does', async () => {
    const { agenda, plan, discussionId } = await planInGroup();
    for (const posted of [agenda.card, plan.card]) {
      expect(surnamesOnCard(posted, filled.childSurnames)).toEqual([]);
      expect(assertValidCard(posted).text).toContain('N146782');
    }
    expect(assertValidCard(agenda.card).text).toContain('Introductions and apologies');
    expect(plan.card.refresh).toMatchObject({ action: { verb: 'plan.refresh', data: { discussionId } } });
    expect(plan.card.refresh.userIds).toContain(alex.id);
    // Megan is a member of the group chat where the plan was posted: a participant.
    const meganSees = await current(plan.id, discussionId, megan);
    expect(surnamesOnCard(meganSees, filled.childSurnames)).toEqual([filled.childSurnames]);
    expect(assertValidCard(meganSees).text).toContain('HEALTH IS NOT IN ATTENDANCE');
  });

  it("in the manager's own personal chat a change keeps their plan on the card: the posted card is not turned into the outline", async () => {
    const sent = await askForRequestCard(bot, alexPersonal);
    answeredCard(await submitRequest(bot, sent, filled, alexPersonal));
    await bot.connector.waitFor((c) => c.method === 'PUT' && c.activityId === sent.cardId);
    const before = bot.connector.posted().length;
    expect((await bot.post(teamsMessage('agenda N146782', { serviceUrl: bot.connector.url, ...alexPersonal }))).status).toBe(200);
    const [, posted] = bot.connector.posted().slice(before);
    const plan = cardIn(posted!.body)!;
    expect(assertValidCard(plan).text).toContain('Add attendee');
    const { discussionId, version } = plan.refresh.action.data as { discussionId: string; version: number };
    const answer = await act(posted!.id, 'plan.attendee.add', { discussionId, version, attendeeName: 'Sam Patel', attendeeOrganisation: 'Children\'s Trust', attendeeAgency: 'social-care', attendeeRole: 'social worker', attendeeConsulted: 'false' }, alexPersonal);
    expect(assertValidCard(answer).text).toContain('Sam Patel');
    // The same chat's message is updated too: only Alex sees it, so it stays his plan (as `agenda` posted it), with the change.
    const update = await bot.connector.waitFor((c) => c.method === 'PUT' && c.activityId === posted!.id);
    const { text } = assertValidCard(cardIn(update.body));
    expect(text).toContain('Sam Patel');
    expect(text).toContain('Add attendee');
    expect(text).not.toContain('The plan is shown in full only to');
  });

  it('two users adding actions to one plan at the same moment: both are kept', async () => {
    const { plan, discussionId, version } = await planInGroup();
    const add = (from: typeof alex, text: string) => press(bot, 'plan.action.add', { discussionId, version, actionText: text, actionOwner: from.name, actionDue: '2026-11-27' }, plan.id, inGroup(from));
    const [a, m] = await Promise.all([add(alex, 'Alex action: see the child alone'), add(megan, 'Megan action: medical with the paediatrician')]);
    answeredCard(a);
    answeredCard(m);
    const { text } = assertValidCard(await current(plan.id, discussionId));
    expect(text).toContain('Alex action: see the child alone');
    expect(text).toContain('Megan action: medical with the paediatrician');
    // The card posted in the group chat is updated for everyone with the redacted view.
    const update = await bot.connector.waitFor((c) => c.method === 'PUT' && c.activityId === plan.id);
    expect(surnamesOnCard(cardIn(update.body), filled.childSurnames)).toEqual([]);
    expect(assertValidCard(cardIn(update.body)).text).toContain('N146782');
    // The case's cards are refreshed after a plan change: the plan card stays a plan card.
    const { view } = await bot.desk.viewPlan(discussionId, { id: 'operator', name: 'operator' }, { kind: 'operator' });
    await bot.server.notifier.refreshCards(view.plan.requestId);
    const puts = bot.connector.calls.filter((c) => c.method === 'PUT' && c.activityId === plan.id);
    for (const put of puts) expect(assertValidCard(cardIn(put.body)).text).toContain('action plan');
  });

  it('a stale submit is merged when it touches nothing changed since, and refused with the current plan otherwise - never lost', async () => {
    const { plan, discussionId, version } = await planInGroup();
    await act(plan.id, 'plan.action.add', { discussionId, version, actionText: 'ABE interview', actionOwner: 'DS Smith', actionDue: '2026-11-30' }, inGroup(alex));
    // Megan's copy is still at `version`: her decision does not touch the action, so it is merged.
    const merged = assertValidCard(await act(plan.id, 'plan.decision.set', { discussionId, version, decisionId: 's47', decisionValue: 'yes', decisionRationale: 'reasonable cause' }, inGroup(megan))).text;
    expect(merged).toContain('your change was added to the current plan');
    expect(merged).toContain('ABE interview');
    expect(merged).toContain('yes - because reasonable cause');
    // Megan marks the action done; Alex, on the copy from before that, removes it: refused, shown the current plan.
    const seen = await current(plan.id, discussionId);
    const v = seen.refresh.action.data.version as number;
    const id = await firstActionId(discussionId);
    await act(plan.id, 'plan.action.done', { discussionId, version: v, actionId: id }, inGroup(megan));
    const refused = assertValidCard(await act(plan.id, 'plan.action.remove', { discussionId, version: v, actionId: id }, inGroup(alex))).text;
    expect(refused).toContain('Someone changed the plan while you had an older copy');
    expect(refused).toContain('ABE interview - DS Smith - by 30 Nov 2026 - done');
  });

  it('bad input names the field and keeps what was typed', async () => {
    const { plan, discussionId, version } = await planInGroup();
    const card = await act(plan.id, 'plan.action.add', { discussionId, version, actionText: 'Medical', actionOwner: 'Dr Who', actionDue: '30/11/2026' }, inGroup(alex));
    const { text } = assertValidCard(card);
    expect(text).toMatch(/actionDue|completion date/i);
    expect(JSON.stringify(card)).toContain('"id":"actionOwner","label":"Owner (who does it)","maxLength":100,"value":"Dr Who"');
    expect(JSON.stringify(card)).toContain('"value":"30/11/2026"');
  });

  it('finalise with an action missing its owner is refused, naming that action; a change after finalising is refused', async () => {
    const { plan, discussionId, version } = await planInGroup();
    let card = await act(plan.id, 'plan.action.add', { discussionId, version, actionText: 'Conference convening request', actionDue: '2026-11-30' }, inGroup(alex));
    let v = card.refresh.action.data.version as number;
    card = await act(plan.id, 'plan.finalise', { discussionId, version: v }, inGroup(alex));
    expect(assertValidCard(card).text).toContain('The action "Conference convening request" has no owner.');
    expect(assertValidCard(card).text).not.toContain('Action plan finalised');
    // Put it right: an owner (remove and add again), and the reason it is not quorate.
    const id = await firstActionId(discussionId);
    card = await act(plan.id, 'plan.action.remove', { discussionId, version: v, actionId: id }, inGroup(alex));
    v = card.refresh.action.data.version;
    card = await act(plan.id, 'plan.action.add', { discussionId, version: v, actionText: 'Conference convening request', actionOwner: 'Sam Patel', actionDue: '2026-11-30' }, inGroup(alex));
    v = card.refresh.action.data.version;
    card = await act(plan.id, 'plan.quorum.reason', { discussionId, version: v, notQuorateReason: 'Health and police could not join at short notice' }, inGroup(alex));
    v = card.refresh.action.data.version;
    card = await act(plan.id, 'plan.finalise', { discussionId, version: v }, inGroup(alex));
    expect(assertValidCard(card).text).toContain('Action plan finalised');
    expect(card.actions.map((a: any) => a.title)).toContain('Circulate the record');
    const after = assertValidCard(await act(plan.id, 'plan.action.add', { discussionId, version: card.refresh.action.data.version, actionText: 'Late addition', actionOwner: 'x', actionDue: '2026-11-30' }, inGroup(megan))).text;
    expect(after).toContain('finalised and locked: your change was not made');
    expect(after).not.toContain('Late addition');
  });

  it('someone outside the discussion can neither read nor change the plan, and the refusals are audited', async () => {
    const { plan, discussionId, version } = await planInGroup();
    const refresh = await act(plan.id, 'plan.refresh', { discussionId }, meganInOtherGroup);
    const change = await act(plan.id, 'plan.action.add', { discussionId, version, actionText: 'Intruder action', actionOwner: 'x', actionDue: '2026-11-30' }, meganInOtherGroup);
    for (const card of [refresh, change]) {
      const { text } = assertValidCard(card);
      expect(text).toContain('You cannot act on this discussion');
      expect(JSON.stringify(card)).not.toContain('N146782');
      expect(surnamesOnCard(card, filled.childSurnames)).toEqual([]);
    }
    expect(assertValidCard(await current(plan.id, discussionId)).text).not.toContain('Intruder action');
    const refusals = (await bot.desk.stores.auditLog.auditTrail(discussionId)).filter((e) => e.action === 'access.refused');
    expect(refusals.length).toBeGreaterThanOrEqual(2);
    expect(refusals.every((r) => r.actor.id === megan.aadObjectId)).toBe(true);
  });

  it("the urgent card's Record the discussion opens a plan at the typed time and posts it; a bad time is named and what was typed kept", async () => {
    const sent = await askForRequestCard(bot, alexPersonal);
    const urgent = answeredCard(await submitRequest(bot, sent, { ...filled, urgent: 'home-alone' }, alexPersonal));
    const requestId = urgent.actions[0].data.requestId as string;
    const bad = answeredCard(await press(bot, 'urgent.record', { requestId, meetingDate: '2026-11-23', meetingTime: '25:61' }, sent.cardId, alexPersonal));
    expect(assertValidCard(bad).text).toContain('Record the discussion: meetingTime');
    expect(JSON.stringify(bad)).toContain('"value":"2026-11-23"');
    const before = bot.connector.posted().length;
    const ok = answeredCard(await press(bot, 'urgent.record', { requestId, meetingDate: '2026-11-23', meetingTime: '14:30' }, sent.cardId, alexPersonal));
    expect(assertValidCard(ok).text).toContain('The agenda and the action plan are posted below.');
    const [agenda, plan] = bot.connector.posted().slice(before).map((c) => assertValidCard(cardIn(c.body)).text);
    expect(agenda).toContain('Monday 23 November 2026, 14:30');
    // Alex's own personal chat: his full view of the plan.
    expect(plan).toContain('Strategy discussion action plan');
    expect(plan).toContain(filled.childSurnames);
  });
});
