import type { AuditLog } from '../../ports/AuditLog.js';
import type { CalendarSubscriptionStore } from '../../ports/CalendarSubscriptionStore.js';
import type { CardPostings } from '../../ports/CardPostings.js';
import type { ClockStore } from '../../ports/ClockStore.js';
import type { ConversationReferences } from '../../ports/ConversationReferences.js';
import type { DiscussionPlans } from '../../ports/DiscussionPlans.js';
import type { MailLedger } from '../../ports/MailLedger.js';
import type { ReplyLedger } from '../../ports/ReplyLedger.js';
import type { RequestStore } from '../../ports/RequestStore.js';
import type { SlotLedger } from '../../ports/SlotLedger.js';
import type { Db } from './Db.js';
import { SqlAuditLog } from './SqlAuditLog.js';
import { SqlCalendarSubscriptionStore } from './SqlCalendarSubscriptionStore.js';
import { SqlCardPostings } from './SqlCardPostings.js';
import { SqlClockStore } from './SqlClockStore.js';
import { SqlConversationReferences } from './SqlConversationReferences.js';
import { SqlDiscussionPlans } from './SqlDiscussionPlans.js';
import { SqlMailLedger } from './SqlMailLedger.js';
import { SqlReplyLedger } from './SqlReplyLedger.js';
import { SqlRequestStore } from './SqlRequestStore.js';
import { SqlSlotLedger } from './SqlSlotLedger.js';

/** Every store of the product, one per kind of record. */
export interface Stores {
  readonly requests: RequestStore;
  readonly slots: SlotLedger;
  readonly mailLedger: MailLedger;
  readonly auditLog: AuditLog;
  readonly postings: CardPostings;
  readonly conversations: ConversationReferences;
  readonly clocks: ClockStore;
  /** The Graph change-notification subscription on the shared calendar (with PUBLIC_URL). */
  readonly calendarSubscriptions: CalendarSubscriptionStore;
  /** What was last seen of each booking's event: attendees and their replies. */
  readonly replies: ReplyLedger;
  /** The discussion plans (one per request) and their change history. */
  readonly plans: DiscussionPlans;
}

/**
 * The SQL stores over one database (PGlite or PostgreSQL, one dialect). The database is the
 * caller's: closing it is the wiring's job.
 * @example
 * const stores = sqlStores(await openDb({ dataDir: './data' }));
 */
export function sqlStores(db: Db): Stores {
  return {
    requests: new SqlRequestStore(db),
    slots: new SqlSlotLedger(db),
    mailLedger: new SqlMailLedger(db),
    auditLog: new SqlAuditLog(db),
    postings: new SqlCardPostings(db),
    conversations: new SqlConversationReferences(db),
    clocks: new SqlClockStore(db),
    calendarSubscriptions: new SqlCalendarSubscriptionStore(db),
    replies: new SqlReplyLedger(db),
    plans: new SqlDiscussionPlans(db),
  };
}
