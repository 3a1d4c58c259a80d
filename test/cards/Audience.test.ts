import { describe, expect, it } from 'vitest';
import { audienceFor, audienceOf } from '../../cards/Audience.js';

describe('audienceOf', () => {
  it('counts anything but a personal chat as shared', () => {
    expect(audienceOf('personal')).toBe('personal');
    expect(audienceOf('groupChat')).toBe('shared');
    expect(audienceOf('channel')).toBe('shared');
    expect(audienceOf(undefined)).toBe('shared');
  });
});

describe('audienceFor', () => {
  it("is personal only for the requester in a personal chat", () => {
    expect(audienceFor('personal', 'aad-alex', 'aad-alex')).toBe('personal');
  });
  it("is shared for anyone else, even in their own personal chat", () => {
    expect(audienceFor('personal', 'aad-megan', 'aad-alex')).toBe('shared');
  });
  it('is shared for the requester in a group chat or channel', () => {
    expect(audienceFor('groupChat', 'aad-alex', 'aad-alex')).toBe('shared');
    expect(audienceFor('channel', 'aad-alex', 'aad-alex')).toBe('shared');
  });
});
