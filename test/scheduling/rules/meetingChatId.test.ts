import { describe, expect, it } from 'vitest';
import { meetingChatId } from '../../../scheduling/rules/meetingChatId.js';

// Shaped as Graph returns them in an event's onlineMeeting.joinUrl (ids invented).
const classic =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NDQ4MGRhYjgtMzc5MS00ZWMxLWJiZjEtOTIxZmM0ZGI0ZDAx%40thread.v2/0?context=%7b%22Tid%22%3a%2211111111-2222-3333-4444-555555555555%22%2c%22Oid%22%3a%22aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee%22%7d';

describe('meetingChatId', () => {
  it('takes the meeting thread id from the URL-encoded path segment after meetup-join', () => {
    expect(meetingChatId(classic)).toBe('19:meeting_NDQ4MGRhYjgtMzc5MS00ZWMxLWJiZjEtOTIxZmM0ZGI0ZDAx@thread.v2');
  });

  it('reads upper-case escapes and an unescaped @ alike', () => {
    expect(meetingChatId('https://teams.microsoft.com/l/meetup-join/19%3Ameeting_MjdhNjM4YzU@thread.v2/1700000000000?context=%7B%7D')).toBe('19:meeting_MjdhNjM4YzU@thread.v2');
  });

  it('works for the government clouds, whose host differs', () => {
    expect(meetingChatId('https://gov.teams.microsoft.us/l/meetup-join/19%3ameeting_ZGVm%40thread.v2/0?context=%7b%7d')).toBe('19:meeting_ZGVm@thread.v2');
  });

  it('finds no chat in the short join links (/meet/<id>?p=...), which name the meeting only', () => {
    expect(meetingChatId('https://teams.microsoft.com/meet/3812345678901?p=AbCdEfGh12')).toBeUndefined();
  });

  it('refuses anything that is not a meeting thread id', () => {
    expect(meetingChatId('https://teams.microsoft.com/l/meetup-join/19%3aabc%40thread.v2/0')).toBeUndefined(); // a group chat, not a meeting
    expect(meetingChatId('https://teams.microsoft.com/l/meetup-join/19%3ameeting_a%2fb%40thread.v2/0')).toBeUndefined(); // a slash inside
    expect(meetingChatId('https://teams.microsoft.com/l/meetup-join/19%3ameeting_%ZZ%40thread.v2/0')).toBeUndefined(); // broken escape
    expect(meetingChatId('http://teams.microsoft.com/l/meetup-join/19%3ameeting_ZGVm%40thread.v2/0')).toBeUndefined(); // not https
    expect(meetingChatId('https://teams.microsoft.com/l/meetup-join/')).toBeUndefined();
    expect(meetingChatId('not a url')).toBeUndefined();
    expect(meetingChatId('')).toBeUndefined();
  });
});
