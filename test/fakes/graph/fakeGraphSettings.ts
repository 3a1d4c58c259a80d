/** How the fake Graph behaves; every field can be changed while it runs. */
export interface FakeGraphSettings {
  /** The most events one calendarView page holds, whatever `$top` asks (Graph's default is 10). */
  pageSize: number;
  /** Fraction of Graph calls answered 429 before they are processed (0 to 1). */
  throttleRate: number;
  /** The Retry-After sent with a 429, in seconds; fractions such as 0.01 keep tests quick. */
  retryAfterSeconds: number;
  /** Delay before each Graph call is processed. */
  latencyMs: number;
  /** Fraction of event creates that are stored but answered 504, as when Graph times out after committing. */
  lostResponseRate: number;
  /** Calls in flight per mailbox beyond which Graph answers 429 (its limit is 4); 0 turns it off. */
  mailboxConcurrency: number;
  /** Answer times in this zone whatever `Prefer: outlook.timezone` asks ('' honours it). */
  answerTimeZone: string;
}

export const defaultSettings: FakeGraphSettings = {
  pageSize: 1000,
  throttleRate: 0,
  retryAfterSeconds: 0.01,
  latencyMs: 0,
  lostResponseRate: 0,
  mailboxConcurrency: 4,
  answerTimeZone: '',
};

/** Calls seen, by route; `total` counts every Graph call, `throttled` the 429s among them. */
export interface FakeGraphCounts {
  total: number;
  token: number;
  calendarView: number;
  createEvent: number;
  getEvent: number;
  updateEvent: number;
  deleteEvent: number;
  cancelEvent: number;
  sendMail: number;
  /** Reads of a mail folder's messages (the Sent Items look-up). */
  listMessages: number;
  /** `/subscriptions` calls: POST, PATCH (renewals), DELETE, GET. */
  createSubscription: number;
  renewSubscription: number;
  deleteSubscription: number;
  getSubscription: number;
  /** `POST /chats/{id}/installedApps`: the bot installing itself into a meeting's chat. */
  installApp: number;
  /** Calls answered with a fault queued by `failNext`. */
  scriptedFaults: number;
  throttled: number;
  lostResponses: number;
  unauthorized: number;
  /** The most Graph calls one mailbox had in flight at once. */
  maxConcurrent: number;
}

export type FakeGraphRoute =
  | 'calendarView'
  | 'createEvent'
  | 'getEvent'
  | 'updateEvent'
  | 'deleteEvent'
  | 'cancelEvent'
  | 'sendMail'
  | 'listMessages'
  | 'createSubscription'
  | 'renewSubscription'
  | 'deleteSubscription'
  | 'getSubscription'
  | 'installApp';

/**
 * One scripted failure for the next call to a route: answered `status` (with Retry-After if
 * given) either before the call is processed, or after it (`afterProcessing`: the call took
 * effect - an event saved, a mail sent - but the caller hears a failure, as when Graph times out
 * after committing). `status: 0` drops the connection instead of answering.
 */
export interface FakeFault {
  readonly status: number;
  readonly afterProcessing?: boolean;
  readonly retryAfterSeconds?: number;
}

export const zeroCounts = (): FakeGraphCounts => ({
  total: 0,
  token: 0,
  calendarView: 0,
  createEvent: 0,
  getEvent: 0,
  updateEvent: 0,
  deleteEvent: 0,
  cancelEvent: 0,
  sendMail: 0,
  listMessages: 0,
  createSubscription: 0,
  renewSubscription: 0,
  deleteSubscription: 0,
  getSubscription: 0,
  installApp: 0,
  scriptedFaults: 0,
  throttled: 0,
  lostResponses: 0,
  unauthorized: 0,
  maxConcurrent: 0,
});

/** A small seeded generator (mulberry32), so a throttled run can be repeated call for call. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
