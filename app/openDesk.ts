import { randomBytes, randomUUID } from 'node:crypto';
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
import { CalendarNotifications } from '../scheduling/services/CalendarNotifications.js';
import { CaseAccess } from '../scheduling/services/CaseAccess.js';
import { ClockService } from '../scheduling/services/ClockService.js';
import { HeldDiscussions } from '../scheduling/services/HeldDiscussions.js';
import { CaseCards } from '../scheduling/services/CaseCards.js';
import { DiscussionPlanService } from '../scheduling/services/DiscussionPlanService.js';
import type { RecordDocuments } from '../scheduling/ports/RecordDocuments.js';
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
import { PgBossJobs } from '../scheduling/adapters/pg/jobs/PgBossJobs.js';
import { logSafeError } from '../scheduling/logSafeError.js';
import { LocalCalendar } from '../scheduling/adapters/local/LocalCalendar.js';
import { OutboxMailer } from '../scheduling/adapters/local/OutboxMailer.js';
import { graphLifecyclePath, graphNotificationsPath } from '../bot/graphNotificationPaths.js';
import { LateNotifier } from './LateNotifier.js';

export const systemClock: Clock = { now: () => new Date() };

/** Until the Word document adapter is wired here: building a record document fails with a clear message. */
const documentsNotWired: RecordDocuments = {
  build: () => Promise.reject(new Error('the discussion record document (Word) is not wired into this desk yet')),
};

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
  /** The statutory clocks (record, s47, conference, actions): reminders and overdue notices. */
  readonly clocks: ClockService;
  /** Follows the police's replies and people's edits in the shared calendar (jobs `calendar.poll`, `calendar.sync`, ...). */
  readonly replies: ReplyTracker;
  /** Durable background work (the engine runs `jobHandlers`). */
  readonly jobs: Jobs;
  /** Every service's job handlers, by job name: the engine (or a test's ManualJobs) runs these. */
  readonly jobHandlers: JobHandlers;
  /** Reaches people while nobody is typing (bot/TeamsNotifier.ts in the running bot). */
  readonly notifier: Notifier;
  /**
   * Starts the background work: the engine's workers for `jobHandlers` and the recurring sweeps.
   * The bot calls it once it is listening; the CLI never does (it schedules jobs, the bot runs
   * them). With a test's own `jobs` engine only the sweeps are started (the test runs the jobs).
   */
  startWork(): Promise<void>;
  /**
   * Graph change notifications on the shared calendar: only with the Graph calendar and
   * PUBLIC_URL. The bot calls `start()` once it listens (Graph validates the URLs first).
   */
  readonly calendarNotifications?: CalendarNotifications;
  /** Stops the background work (jobs running are let finish, for a while), then closes the store. */
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
  /**
   * Who tells people things and updates posted cards: `npm start` passes a `LateNotifier` and
   * attaches the bot's TeamsNotifier to it once the server is up; tests pass
   * test/fakes/RecordingNotifier.ts. Default: a LateNotifier never attached (the command line
   * reaches nobody; the bot works the jobs it schedules).
   */
  readonly notifier?: Notifier;
  /**
   * Builds the discussion record as a document (the action plan summary mailed at finalise, the
   * full record circulated). Tests pass test/fakes/RecordingDocuments.ts.
   */
  readonly documents?: RecordDocuments;
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
  const nonWorking = nonWorkingDays(config.closureDays);
  // Jobs live in the store itself (pg-boss); nothing starts until a job is scheduled or `startWork`.
  const engine = options.jobs ? undefined : new PgBossJobs(db, log, { pollingIntervalSeconds: config.jobs.pollSeconds });
  const jobs: Jobs = options.jobs ?? engine!;
  // Without one given (the command line), nobody is reached from this process: see LateNotifier.
  const notifier: Notifier = options.notifier ?? new LateNotifier();
  const calendarId = config.calendar.mailbox;

  let calendar: Calendar;
  let mailer: Mailer;
  let calendarNotifications: CalendarNotifications | undefined;
  // Only the local calendar can play Outlook's hand edits; with Graph people make them in Outlook.
  let handEdits: HandEdits | undefined;
  if (config.calendar.backend === 'graph' && config.graph) {
    // Loaded only when configured: the embedded default never touches the Graph client.
    const [{ createGraphClient }, { GraphCalendar, mailboxConcurrency }, { GraphMailer }, { ConcurrencyLimit }, { GraphRetry, defaultRetrySettings, retryBudgetForLease }, { GraphCalendarSubscriptions }] = await Promise.all([
      import('../scheduling/adapters/graph/graphClient.js'),
      import('../scheduling/adapters/graph/GraphCalendar.js'),
      import('../scheduling/adapters/graph/GraphMailer.js'),
      import('../scheduling/adapters/graph/ConcurrencyLimit.js'),
      import('../scheduling/adapters/graph/GraphRetry.js'),
      import('../scheduling/adapters/graph/GraphCalendarSubscriptions.js'),
    ]);
    const client = createGraphClient(config.graph);
    // Graph allows 4 concurrent calls per mailbox: calendar and mail share one allowance. One
    // call's retries end within a quarter of the shorter lease (reservation or mail claim).
    const limit = new ConcurrencyLimit(mailboxConcurrency);
    const retry = new GraphRetry({ ...defaultRetrySettings, budgetMs: retryBudgetForLease(Math.min(config.reservationTimeoutSeconds, MAIL_CLAIM_LEASE_SECONDS)) });
    calendar = new GraphCalendar(client, calendarId, limit, retry);
    mailer = new GraphMailer(client, calendarId, limit, retry);
    if (config.publicUrl) {
      calendarNotifications = new CalendarNotifications({
        subscriptions: new GraphCalendarSubscriptions(client, limit, retry),
        store: stores.calendarSubscriptions,
        jobs,
        clock,
        // 256 random bits; Graph takes a clientState of up to 128 characters.
        newSecret: () => randomBytes(32).toString('base64url'),
        settings: { mailbox: calendarId, notificationUrl: `${config.publicUrl}${graphNotificationsPath}`, lifecycleNotificationUrl: `${config.publicUrl}${graphLifecyclePath}` },
      });
    }
  } else {
    const local = new LocalCalendar(db, calendarId);
    calendar = local;
    handEdits = local;
    mailer = new OutboxMailer(db, clock);
  }
  if (options.wrapCalendar) calendar = options.wrapCalendar(calendar);

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
  const urgent = new UrgentRouteService({
    requests: stores.requests,
    clock,
    mail,
    access,
    policeReferralAddress: config.policeReferralAddress,
    jobs,
    notifier,
    policeContactMinutes: config.policeContactMinutes,
    escalationContacts: config.escalationContacts,
  });
  const clocks = new ClockService({ clocks: stores.clocks, requests: stores.requests, postings: stores.postings, access, jobs, notifier, clock, nonWorking, minutesRule: config.minutesDue });
  const intake = new RequestIntake({ requests: stores.requests, slots: stores.slots, clock, newId, nNumberPattern: config.nNumberPattern, rota: booking, urgent });
  const reconciler = new Reconciler({
    requests: stores.requests,
    slots: stores.slots,
    mailLedger: stores.mailLedger,
    calendar,
    clock,
    booking,
    urgent,
    calendarId,
    reservationTimeoutSeconds: config.reservationTimeoutSeconds,
    jobs,
    sweepEverySeconds: config.jobs.reconcileEverySeconds,
    // Ids only: a person looks for these in the shared mailbox's Sent Items and settles them.
    onSweep: ({ needsChecking }) => {
      if (needsChecking.length > 0) log.warn({ mailKeys: needsChecking }, 'police emails held for a person to check (they may not have gone)');
    },
    onSweepError: (error) => log.error({ err: logSafeError(error) }, 'reconcile sweep failed; the next one tries again'),
  });

  const held = new HeldDiscussions({
    slots: stores.slots,
    requests: stores.requests,
    clocks: stores.clocks,
    clockService: clocks,
    jobs,
    clock,
    everySeconds: config.jobs.reconcileEverySeconds,
    onError: (error) => log.error({ err: logSafeError(error) }, 'held-discussions sweep failed; the next one tries again'),
  });
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
  const cards = new CaseCards({ requests: stores.requests, slots: stores.slots, postings: stores.postings, conversations: stores.conversations, booking, urgent, jobs, notifier });
  // Every service's job handlers, by job name (each service offers its own `handlers()`).
  let closing: Promise<void> | undefined;
  const jobHandlers: JobHandlers = {
    ...reconciler.handlers(),
    ...urgent.handlers(),
    ...clocks.handlers(),
    ...calendarNotifications?.handlers(),
    ...cards.handlers(),
    ...replies.handlers(),
    ...held.handlers(),
  };

  const plans = new DiscussionPlanService({
    plans: stores.plans,
    requests: stores.requests,
    slots: stores.slots,
    postings: stores.postings,
    auditLog: stores.auditLog,
    clock,
    newId,
    mail,
    documents: options.documents ?? documentsNotWired,
    clocks,
    cards,
    notifier,
    nonWorking,
    settings: { venue: 'dial-in' },
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
    clocks,
    ...(calendarNotifications ? { calendarNotifications } : {}),
    cards,
    replies,
    outlook,
    plans,
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
    clocks,
    replies,
    jobs,
    notifier,
    ...(calendarNotifications ? { calendarNotifications } : {}),
    jobHandlers,
    startWork: async () => {
      await engine?.work(jobHandlers);
      await reconciler.startSweeping();
      await held.startSweeping();
    },
    close: () =>
      (closing ??= (async () => {
        try {
          await engine?.stop();
        } finally {
          await db.close();
        }
      })()),
  });
}
