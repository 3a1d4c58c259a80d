/** A meeting chat's thread id: `19:meeting_` + Teams' own base64-like id + `@thread.v2`. */
const MEETING_THREAD = /^19:meeting_[A-Za-z0-9_=+-]{1,200}@thread\.v2$/;

/**
 * The chat of a Teams meeting, from the meeting's join URL (Graph's `onlineMeeting.joinUrl` on the
 * calendar event): its thread id is the URL-encoded path segment after `meetup-join`, e.g.
 * `19%3ameeting_NDk...%40thread.v2`. `undefined` when the URL holds no such segment - in
 * particular the short join links Teams also issues (`https://teams.microsoft.com/meet/<digits>?p=...`),
 * which name the meeting but not its chat - or when what it holds is not a meeting thread id (the
 * id goes into Graph and Bot Framework URLs, so nothing else is let through).
 * Rule: issue 9 "Where the discussion happens" (Teams meeting mode).
 * @example
 * meetingChatId('https://teams.microsoft.com/l/meetup-join/19%3ameeting_NDk4ZTk0@thread.v2/0?context=%7b%22Tid%22%3a%22t%22%7d')
 * //=> '19:meeting_NDk4ZTk0@thread.v2'
 * meetingChatId('https://teams.microsoft.com/meet/3812345678901?p=AbCdEf') //=> undefined
 */
export function meetingChatId(joinUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(joinUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:') return undefined;
  const segments = url.pathname.split('/');
  const at = segments.indexOf('meetup-join');
  const segment = at === -1 ? undefined : segments[at + 1];
  if (!segment) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    return undefined;
  }
  return MEETING_THREAD.test(id) ? id : undefined;
}
