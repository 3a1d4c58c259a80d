import { describe, expect, it } from 'vitest';
import type { ActionSource } from '../../../scheduling/model/ActionSource.js';
import { isPlanParticipant } from '../../../scheduling/rules/isPlanParticipant.js';

const group = '19:meeting_abc@thread.v2';
const facts = {
  requestedBy: 'aad-alex',
  invitees: ['Nurse@Health.example.org'],
  attendees: [{ userId: 'aad-dc', email: 'dc@police.example' }, { email: 'sw@council.example' }],
  planPostedIn: [{ conversationId: group, conversationType: 'groupChat' }, { conversationId: 'a:alex', conversationType: 'personal' }],
};
const personal: ActionSource = { kind: 'teams', conversationId: 'a:someone', conversationType: 'personal' };

describe('isPlanParticipant', () => {
  it('lets the requester in from anywhere', () => {
    expect(isPlanParticipant(facts, { id: 'aad-alex' }, personal)).toBe(true);
  });

  it('lets an invitee in by email, whatever its case', () => {
    expect(isPlanParticipant(facts, { id: 'aad-nurse', email: 'nurse@health.example.org' }, personal)).toBe(true);
  });

  it('lets people in the attendance in by user id or email', () => {
    expect(isPlanParticipant(facts, { id: 'aad-dc' }, personal)).toBe(true);
    expect(isPlanParticipant(facts, { id: 'aad-sw', email: 'SW@council.example' }, personal)).toBe(true);
  });

  it('lets members of a shared conversation where the plan was posted in, and nowhere else', () => {
    expect(isPlanParticipant(facts, { id: 'aad-other' }, { kind: 'teams', conversationId: group, conversationType: 'groupChat' })).toBe(true);
    expect(isPlanParticipant(facts, { id: 'aad-other' }, { kind: 'teams', conversationId: '19:elsewhere@thread.v2', conversationType: 'groupChat' })).toBe(false);
  });

  it('refuses an outsider in a personal chat, even one that names a posted personal chat', () => {
    expect(isPlanParticipant(facts, { id: 'aad-other', email: 'other@council.example' }, personal)).toBe(false);
    expect(isPlanParticipant(facts, { id: 'aad-other' }, { kind: 'teams', conversationId: 'a:alex', conversationType: 'personal' })).toBe(false);
  });

  it('lets the command line (operators) in', () => {
    expect(isPlanParticipant(facts, { id: 'cli:op' }, { kind: 'operator' })).toBe(true);
  });
});
