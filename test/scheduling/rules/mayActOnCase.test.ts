import { describe, expect, it } from 'vitest';
import { mayActOnCase } from '../../../scheduling/rules/mayActOnCase.js';
import type { ActionSource } from '../../../scheduling/model/ActionSource.js';

const group = '19:team-group@thread.v2';
const channel = '19:general@thread.tacv2';
const facts = {
  requestedBy: 'aad-alex',
  postedIn: [
    { conversationId: 'a:alex-personal', conversationType: 'personal' },
    { conversationId: group, conversationType: 'groupChat' },
    { conversationId: `${channel};messageid=1700000000000`, conversationType: 'channel' },
  ],
};
const teams = (conversationId: string, conversationType: string): ActionSource => ({ kind: 'teams', conversationId, conversationType });

describe('mayActOnCase', () => {
  it('lets the requester act from anywhere', () => {
    expect(mayActOnCase(facts, 'aad-alex', teams('a:alex-personal', 'personal'))).toBe(true);
    expect(mayActOnCase(facts, 'aad-alex', teams('19:elsewhere@thread.v2', 'groupChat'))).toBe(true);
  });

  it('lets a member of a group chat where a card about the request was posted act there', () => {
    expect(mayActOnCase(facts, 'aad-megan', teams(group, 'groupChat'))).toBe(true);
  });

  it('counts every thread of a channel as the channel', () => {
    expect(mayActOnCase(facts, 'aad-megan', teams(`${channel};messageid=1800000000000`, 'channel'))).toBe(true);
    expect(mayActOnCase(facts, 'aad-megan', teams(channel, 'channel'))).toBe(true);
  });

  it('refuses anyone else in their own personal chat, whatever ids they know', () => {
    expect(mayActOnCase(facts, 'aad-megan', teams('a:megan-personal', 'personal'))).toBe(false);
  });

  it("refuses a personal chat even under the requester's chat id (a personal chat has one member)", () => {
    expect(mayActOnCase(facts, 'aad-megan', teams('a:alex-personal', 'personal'))).toBe(false);
  });

  it("gives no right through a personal chat's posting, even to someone calling that chat a group chat", () => {
    expect(mayActOnCase(facts, 'aad-megan', teams('a:alex-personal', 'groupChat'))).toBe(false);
    expect(mayActOnCase(facts, 'aad-megan', teams('a:alex-personal', 'channel'))).toBe(false);
  });

  it('refuses a group chat or channel where no card about the request was posted', () => {
    expect(mayActOnCase(facts, 'aad-megan', teams('19:other-group@thread.v2', 'groupChat'))).toBe(false);
    expect(mayActOnCase(facts, 'aad-megan', teams('19:other@thread.tacv2;messageid=1', 'channel'))).toBe(false);
  });

  it('lets the command line (the operators, who hold the database) act', () => {
    expect(mayActOnCase(facts, 'cli:operator', { kind: 'operator' })).toBe(true);
  });
});
