import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { pino, type Logger } from 'pino';
import type { Config } from './config.js';
import type { Calendar } from '../scheduling/ports/Calendar.js';
import type { Clock } from '../scheduling/ports/Clock.js';
import type { Mailer } from '../scheduling/ports/Mailer.js';
import type { JobHandlers, Jobs } from '../scheduling/ports/Jobs.js';
import type { Notifier } from '../scheduling/ports/Notifier.js';
import { NonWorkingDays } from '../scheduling/rules/bankHolidays.js';
import type { PlainDate } from '../scheduling/model/PlainDate.js';
import { CaseAccess } from '../scheduling/services/CaseAccess.js';
import { MAIL_CLAIM_LEASE_SECONDS, MailOnce } from '../scheduling/services/MailOnce.js';
import { OutlookStandIn } from '../scheduling/services/OutlookStandIn.js';
import { Reconciler } from '../scheduling/services/Reconciler.js';
import { ReplyTracker } from '../scheduling/services/ReplyTracker.js';
import type { HandEdits } from '../scheduling/ports/HandEdits.js';
import { RequestIntake } from '../scheduling/services/RequestIntake.js';
import { RotaBookingService } from '../scheduling/services/RotaBookingService.js';
import { SlotFinder } from '../scheduling/services/SlotFinder.js';
import { UrgentRouteService } from '../scheduling/services/UrgentRouteService.js';
import { WeekView } from '../scheduling/services/WeekView.js';
import type { Desk } from '../scheduling/Desk.js';
import { StrategyDesk } from '../scheduling/StrategyDesk.js';
import type { Db } from '../scheduling/adapters/pg/Db.js';
import { openDb } from '../scheduling/adapters/pg/openDb.js';
import { migrate } from '../scheduling/adapters/pg/migrate.js';
import { sqlStores, type Stores } from '../scheduling/adapters/pg/sqlStores.js';
import { LocalCalendar } from '../scheduling/adapters/local/LocalCalendar.js';
import { OutboxMailer } from '../scheduling/adapters/local/OutboxMailer.js';

export const systemClock: Clock = { now: () => new Date() };

/**
 * The parts behind the desk, for the wiring itself and for tests that look inside (a store, the
 * calendar, the clock). The bot and the CLI use the `Desk` interface only.
 */
export interface DeskParts {
  readonly config: Config;
  readonly log: Logger;
  readonly clock: Clock;
  readonly db: Db;
  /** One store per kind of record. */
  readonly stores: Stores;
  readonly calendar: Calendar;
  readonly mailer: Mailer;
  readonly nonWorking: ReadonlySet<PlainDate>;
  readonly finder: SlotFinder;
  /** Who may act on a case, where cards about it were posted, what a conversation may list. */
  readonly access: CaseAccess;
  readonly booking: RotaBookingService;
  readonly urgent: UrgentRouteService;
  readonly intake: RequestIntake;
  readonly reconciler: Reconciler;
  /** Follows the police's replies and people's edits in the shared calendar (jobs `calendar.poll`, `calendar.sync`, ...). */
  readonly replies: ReplyTracker;
  /** Durable background work (the engine runs `jobHandlers`). */
  readonly jobs: Jobs;
  /** Every service's job handlers, by job name: the engine (or a test's ManualJobs) runs these. */
  readonly jobHandlers: JobHandlers;
  /** Reaches people while nobody is typing (bot/TeamsNotifier.ts in the running bot). */
  readonly notifier: Notifier;
  close(): Promise<void>;
}

/** The desk (the front door), with the parts it was built from and `close`. */
export type OpenDesk = Desk & DeskParts;

export interface DeskOptions {
  readonly clock?: Clock;
  readonly log?: Logger;
  readonly newId?: () => string;
  /** An already open database (tests use an in-memory PGlite); closed by `desk.close()`. */
  readonly db?: Db;
  /**
   * The bot: open the embedded store (DATA_DIR) alone and serve it to the CLI on
   * `<DATA_DIR>/.s.PGSQL.5432`. Otherwise the desk uses a running bot's store through that
   * socket, or opens DATA_DIR alone when no bot answers there. Either way a DATA_DIR another live
   * process holds is refused (`DataDirInUseError`) with nothing opened.
   */
  readonly serveEmbeddedStore?: boolean;
  /** Wraps the configured calendar (tests make it slow or faulty with this). */
  readonly wrapCalendar?: (calendar: Calendar) => Calendar;
  /** The job engine (tests: test/fakes/ManualJobs.ts driven by the manual clock). */
  readonly jobs?: Jobs;
  /** Who tells people things (the bot's TeamsNotifier; tests: test/fakes/RecordingNotifier.ts). */
  readonly notifier?: Notifier;
}

/**
 * Days nobody works: England & Wales bank holidays (offline data, for whichever year is asked
 * about) plus the area's closure days.
 */
export function nonWorkingDays(closures: readonly PlainDate[]): ReadonlySet<PlainDate> {
  return new NonWorkingDays(closures);
}

/**
 * Opens the store (PGlite in DATA_DIR, or PostgreSQL at DATABASE_URL), migrates it, and wires the
 * calendar and mail adapters (local or Graph) into the services.
 */
export async function openDesk(config: Config, options: DeskOptions = {}): Promise<OpenDesk> {
  const log = options.log ?? pino({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  const newId = options.newId ?? randomUUID;
  if (!options.db && !config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  const db = options.db ?? (await openDb(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir, serve: options.serveEmbeddedStore ?? false }));
  try {
    await migrate(db);
  } catch (error) {
    // Release what we opened (DATA_DIR's lock with it); a caller's own db stays the caller's.
    if (!options.db) await db.close();
    throw error;
  }
  const stores = sqlStores(db);
  // TEMPORARY (replaced by the pg-boss engine and the bot's notifier as they land).
  const jobs: Jobs = options.jobs ?? {
    schedule: () => Promise.reject(new Error('no job engine is wired yet')),
    cancel: () => Promise.reject(new Error('no job engine is wired yet')),
  };
  const notifier: Notifier = options.notifier ?? { tell: async () => 'no-conversation', refreshCards: async () => {} };
  const calendarId = config.calendar.mailbox;

  let calendar: Calendar;
  let mailer: Mailer;
  // Only the local calendar can play Outlook's hand edits; with Graph people make them in Outlook.
  let handEdits: HandEdits | undefined;
  if (config.calendar.backend === 'graph' && config.graph) {
    // Loaded only when configured: the embedded default never touches the Graph client.
    const [{ createGraphClient }, { GraphCalendar, mailboxConcurrency }, { GraphMailer }, { ConcurrencyLimit }, { GraphRetry, defaultRetrySettings, retryBudgetForLease }] = await Promise.all([
      import('../scheduling/adapters/graph/graphClient.js'),
      import('../scheduling/adapters/graph/GraphCalendar.js'),
      import('../scheduling/adapters/graph/GraphMailer.js'),
      import('../scheduling/adapters/graph/ConcurrencyLimit.js'),
      import('../scheduling/adapters/graph/GraphRetry.js'),
    ]);
    const client = createGraphClient(config.graph);
    // Graph allows 4 concurrent calls per mailbox: calendar and mail share one allowance. One
    // call's retries end within a quarter of the shorter lease (reservation or mail claim).
    const limit = new ConcurrencyLimit(mailboxConcurrency);
    const retry = new GraphRetry({ ...defaultRetrySettings, budgetMs: retryBudgetForLease(Math.min(config.reservationTimeoutSeconds, MAIL_CLAIM_LEASE_SECONDS)) });
    calendar = new GraphCalendar(client, calendarId, limit, retry);
    mailer = new GraphMailer(client, calendarId, limit, retry);
  } else {
    const local = new LocalCalendar(db, calendarId);
    calendar = local;
    handEdits = local;
    mailer = new OutboxMailer(db, clock);
  }
  if (options.wrapCalendar) calendar = options.wrapCalendar(calendar);

  const nonWorking = nonWorkingDays(config.closureDays);
  const finder = new SlotFinder({ slots: stores.slots, calendar, rota: config.rota, nonWorking, calendarId });
  const mail = new MailOnce({ mailLedger: stores.mailLedger, mailer, clock });
  const access = new CaseAccess({ requests: stores.requests, slots: stores.slots, postings: stores.postings, auditLog: stores.auditLog, clock });
  const booking = new RotaBookingService({
    requests: stores.requests,
    slots: stores.slots,
    calendar,
    clock,
    rota: config.rota,
    finder,
    mail,
    access,
    newId,
    settings: {
      calendarId,
      policeReferralAddress: config.policeReferralAddress,
      subject: { format: config.calendar.subjectFormat, includeSurname: config.calendar.subjectIncludesSurname },
      joinDetails: config.calendar.joinDetails,
    },
  });
  const urgent = new UrgentRouteService({ requests: stores.requests, clock, mail, access, policeReferralAddress: config.policeReferralAddress });
  const intake = new RequestIntake({ requests: stores.requests, slots: stores.slots, clock, newId, nNumberPattern: config.nNumberPattern, rota: booking, urgent });
  const reconciler = new Reconciler({ requests: stores.requests, slots: stores.slots, mailLedger: stores.mailLedger, calendar, clock, booking, urgent, calendarId, reservationTimeoutSeconds: config.reservationTimeoutSeconds });

  const replies = new ReplyTracker({
    slots: stores.slots,
    requests: stores.requests,
    replies: stores.replies,
    calendar,
    jobs,
    notifier,
    access,
    clock,
    rota: config.rota,
    nonWorking,
    settings: { policeReferralAddress: config.policeReferralAddress, pollSeconds: config.calendarPollSeconds },
  });
  const outlook = new OutlookStandIn({ slots: stores.slots, clock, ...(handEdits ? { handEdits } : {}) });

  const weekView = new WeekView({ requests: stores.requests, slots: stores.slots, calendar, rota: config.rota, nonWorking, calendarId });
  const settings = { slotMinutes: config.rota.slotMinutes, searchDays: config.rota.searchDays, escalationContacts: config.escalationContacts, policeReferralAddress: config.policeReferralAddress };
  const desk = new StrategyDesk({
    settings,
    clock,
    requests: stores.requests,
    slots: stores.slots,
    auditLog: stores.auditLog,
    conversations: stores.conversations,
    calendar,
    intake,
    booking,
    urgent,
    access,
    finder,
    weekView,
    reconciler,
    replies,
    outlook,
  });
  return Object.assign(desk, {
    config,
    log,
    clock,
    db,
    stores,
    calendar,
    mailer,
    nonWorking,
    finder,
    access,
    booking,
    urgent,
    intake,
    reconciler,
    replies,
    jobs,
    notifier,
    jobHandlers: { ...replies.handlers() },
    close: () => db.close(),
  });
}
