import { describe, expect, it } from 'vitest';
import { conversationKey } from '../../../scheduling/rules/conversationKey.js';

describe('conversationKey', () => {
  it("drops a channel thread's message id", () => {
    expect(conversationKey('19:abc@thread.tacv2;messageid=1700000000000')).toBe('19:abc@thread.tacv2');
  });
  it('keeps chat ids whole', () => {
    expect(conversationKey('19:chat@thread.v2')).toBe('19:chat@thread.v2');
    expect(conversationKey('a:1xyz')).toBe('a:1xyz');
  });
});
