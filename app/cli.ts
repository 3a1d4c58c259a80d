/**
 * Strategy Desk on the command line, against the configured store and calendar:
 *   slot      what slot a referral would get (books nothing)
 *   book      request a strategy discussion (same validation and messages as the bot)
 *   cancel    cancel a booking
 *   calendar  list a week's conference slots, or add an event by hand (as a person in Outlook would);
 *             on the local calendar, play Outlook: --respond (the police answer the invite),
 *             --move and --delete (a person edits the booking's event by hand)
 *   reconcile finish or clean up anything a crash left half done
 *   record    print the discussion record (the shared action plan) of a case by N number, or
 *             write it as a document with --docx <path>
 * Bad input: exit code 2 and one line naming the field; nothing is stored.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { pino } from 'pino';
import { ConfigError, loadConfig } from './config.js';
import { applyV8Settings } from './v8Settings.js';
import type { Desk } from '../scheduling/Desk.js';
import { openDesk, systemClock, type OpenDesk } from './openDesk.js';
import type { Actor } from '../scheduling/model/Actor.js';
import type { RequestField } from '../scheduling/rules/discussionRequest.js';
import type { ActionSource } from '../scheduling/model/ActionSource.js';
import { formatSlotInWords } from '../scheduling/rules/formatUkDateTime.js';
import { formatLondonIso, parseInstant } from '../scheduling/rules/londonTime.js';
import { isPlainDate } from '../scheduling/rules/PlainDate.js';
import { DeskError, InvalidRequestError, NoSlotError } from '../scheduling/services/errors.js';

/** Bad command-line input: printed as one line, exit code 2. */
class UsageError extends Error {}

const flagOf: Record<RequestField, string> = {
  nNumbers: '--n-numbers',
  childSurnames: '--surnames',
  managerName: '--manager-name',
  managerRole: '--manager-role',
  managerPhone: '--manager-phone',
  managerEmail: '--manager-email',
  referredAt: '--referred',
  referredDate: '--referred',
  referredTime: '--referred',
  urgent: '--urgent',
  longerSlot: '--longer',
  reason: '--reason',
  invitees: '--invitees',
};

function args<T extends ParseArgsConfig['options']>(command: string, argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options: options!, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError(`${command}: ${(e as Error).message.split('\n')[0]}`);
  }
}

function instant(command: string, flag: string, text: string): Date {
  const at = parseInstant(text);
  if (!at) throw new UsageError(`${command}: ${flag} "${text}" is not an ISO 8601 date and time (e.g. 2026-11-23T14:05 or 2026-11-23T14:05:00Z)`);
  return at;
}

function cliActor(): Actor {
  const user = process.env.USER ?? process.env.LOGNAME ?? 'unknown';
  return { id: `cli:${user}`, name: `${user} (command line)` };
}

/** The command line acts as the service's operators, who hold the database (README "Who may act"). */
const operator: ActionSource = { kind: 'operator' };

async function slot(desk: Desk, argv: string[], out: (line: string) => void): Promise<number> {
  const v = args('slot', argv, {
    json: { type: 'boolean' },
    referred: { type: 'string', multiple: true },
    longer: { type: 'boolean' },
    now: { type: 'string' },
    'at-referral': { type: 'boolean' },
  });
  const referred = (v.referred ?? []) as string[];
  if (referred.length === 0) throw new UsageError('slot: --referred <ISO 8601> is required');
  if (v.now !== undefined && v['at-referral']) throw new UsageError('slot: give --now or --at-referral, not both');
  const fixedNow = typeof v.now === 'string' ? instant('slot', '--now', v.now) : undefined;
  const referrals = referred.map((text) => ({ text, at: instant('slot', '--referred', text) }));
  const wallNow = desk.now();
  for (const r of referrals) {
    const now = v['at-referral'] ? r.at : fixedNow ?? wallNow;
    if (r.at.getTime() > now.getTime()) throw new UsageError(`slot: --referred ${r.text} is after ${v.now !== undefined ? '--now' : 'the current time'}`);
  }
  let missing = 0;
  for (const r of referrals) {
    const now = v['at-referral'] ? r.at : fixedNow ?? wallNow;
    const { plan, found } = await desk.slotFor(r.at, now, Boolean(v.longer));
    if (!found) missing++;
    const line = {
      referredAt: formatLondonIso(r.at),
      referralDay: plan.referralDay,
      conferenceDay: found ? found.day : null,
      start: found ? formatLondonIso(found.slot.start) : null,
      end: found ? formatLondonIso(found.slot.end) : null,
    };
    out(v.json ? JSON.stringify(line) : found ? `${line.referredAt} -> ${formatSlotInWords(found.slot)}` : `${line.referredAt} -> no free slot within ${desk.settings.searchDays} days`);
  }
  if (missing) {
    process.stderr.write(`slot: no free slot for ${missing} referral(s) within ${desk.settings.searchDays} days\n`);
    return 3;
  }
  return 0;
}

async function book(desk: Desk, argv: string[], out: (line: string) => void): Promise<number> {
  const v = args('book', argv, {
    'n-numbers': { type: 'string' },
    surnames: { type: 'string' },
    'manager-name': { type: 'string' },
    'manager-role': { type: 'string' },
    'manager-phone': { type: 'string' },
    'manager-email': { type: 'string' },
    referred: { type: 'string' },
    urgent: { type: 'string' },
    longer: { type: 'boolean' },
    reason: { type: 'string' },
    invitees: { type: 'string' },
    key: { type: 'string' },
    json: { type: 'boolean' },
  });
  const raw = {
    nNumbers: v['n-numbers'],
    childSurnames: v.surnames,
    managerName: v['manager-name'],
    managerRole: v['manager-role'],
    managerPhone: v['manager-phone'],
    managerEmail: v['manager-email'],
    referredAt: v.referred ?? formatLondonIso(desk.now()),
    urgent: v.urgent,
    longerSlot: Boolean(v.longer),
    reason: v.reason,
    invitees: v.invitees,
  };
  const key = typeof v.key === 'string' && v.key.trim() ? `cli:${v.key.trim()}` : `cli:${randomUUID()}`;
  try {
    const outcome = await desk.submitRequest(raw, cliActor(), key);
    if (outcome.route === 'urgent') {
      const line = { route: 'urgent', requestId: outcome.request.id, email: outcome.email, sentAt: outcome.sentAt ? formatLondonIso(outcome.sentAt) : null, policeContactDue: formatLondonIso(outcome.policeContactDue), replayed: outcome.replayed };
      out(v.json ? JSON.stringify(line) : `URGENT S47 ENQUIRY ${line.sentAt ? `sent to ${desk.settings.policeReferralAddress} at ${line.sentAt}` : `email ${outcome.email} (not sent yet)`}; police should call by ${line.policeContactDue}`);
    } else {
      const b = outcome.booking;
      const line = { route: 'rota', requestId: outcome.request.id, bookingId: b.id, status: b.status, start: formatLondonIso(b.start), end: formatLondonIso(b.end), policeEmail: outcome.policeEmail, replayed: outcome.replayed };
      const said = b.status === 'cancelled'
        ? `Already requested under this --key and cancelled since: ${formatSlotInWords(b)} for ${outcome.request.nNumbers.join(' ')} (booking ${b.id}); book again with a new --key`
        : `Booked ${formatSlotInWords(b)} for ${outcome.request.nNumbers.join(' ')} (booking ${b.id})${b.status === 'booked' && outcome.policeEmail !== 'sent' ? `; police email ${outcome.policeEmail}` : ''}`;
      out(v.json ? JSON.stringify(line) : said);
    }
    return 0;
  } catch (e) {
    if (e instanceof InvalidRequestError) {
      const [field, message] = Object.entries(e.fields)[0]!;
      throw new UsageError(`book: ${flagOf[field as RequestField]} (${field}): ${message}`);
    }
    throw e;
  }
}

async function cancel(desk: Desk, argv: string[], out: (line: string) => void): Promise<number> {
  const v = args('cancel', argv, { booking: { type: 'string' }, reason: { type: 'string' } });
  if (typeof v.booking !== 'string' || !v.booking) throw new UsageError('cancel: --booking <booking id> is required');
  const { booking: done } = await desk.cancelBooking(v.booking, cliActor(), operator, typeof v.reason === 'string' && v.reason ? v.reason : 'Cancelled by the team manager.');
  out(`Cancelled booking ${done.id} (${formatSlotInWords(done)})`);
  return 0;
}

/** `--response` words, as a person would type them, to the calendar's replies. */
const responses = { accepted: 'accepted', declined: 'declined', tentative: 'tentativelyAccepted' } as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type CalendarFlags = ReturnType<typeof calendarArgs>;
const calendarArgs = (argv: string[]) =>
  args('calendar', argv, {
    week: { type: 'string' },
    add: { type: 'boolean' },
    start: { type: 'string' },
    end: { type: 'string' },
    subject: { type: 'string' },
    respond: { type: 'string' },
    attendee: { type: 'string' },
    response: { type: 'string' },
    name: { type: 'string' },
    move: { type: 'string' },
    to: { type: 'string' },
    minutes: { type: 'string' },
    delete: { type: 'string' },
    json: { type: 'boolean' },
  });

/** `--respond`, `--move`, `--delete`: Outlook played on the local calendar, on a booking named by N number or id. */
async function handEdit(desk: Desk, v: CalendarFlags, out: (line: string) => void): Promise<number> {
  const print = (line: Record<string, unknown>, said: string) => out(v.json ? JSON.stringify(line) : said);
  if (typeof v.respond === 'string') {
    const attendee = typeof v.attendee === 'string' ? v.attendee.trim() : '';
    if (!EMAIL.test(attendee)) throw new UsageError('calendar: --respond needs --attendee <email address>');
    const response = typeof v.response === 'string' && Object.hasOwn(responses, v.response) ? responses[v.response as keyof typeof responses] : undefined;
    if (!response) throw new UsageError('calendar: --response must be accepted, declined or tentative');
    const name = typeof v.name === 'string' && v.name.trim() ? v.name.trim().slice(0, 200) : undefined;
    const done = await desk.answerInvite(v.respond, { address: attendee, response, ...(name ? { name } : {}) });
    print({ ...done, attendee, response }, `${attendee} answered ${v.response} for booking ${done.bookingId}`);
    return 0;
  }
  if (typeof v.move === 'string') {
    if (typeof v.to !== 'string') throw new UsageError('calendar: --move needs --to <yyyy-mm-ddThh:mm> (UK time)');
    const start = instant('calendar', '--to', v.to);
    let minutes: number | undefined;
    if (v.minutes !== undefined) {
      minutes = /^\d{1,3}$/.test(String(v.minutes)) ? Number(v.minutes) : NaN;
      if (!(minutes >= 1 && minutes <= 480)) throw new UsageError(`calendar: --minutes must be a whole number from 1 to 480, not "${String(v.minutes)}"`);
    }
    const done = await desk.moveEventByHand(v.move, start, minutes);
    print({ bookingId: done.bookingId, eventId: done.eventId, start: formatLondonIso(done.start), end: formatLondonIso(done.end) }, `Moved the event of booking ${done.bookingId} to ${formatSlotInWords(done)}`);
    return 0;
  }
  const done = await desk.deleteEventByHand(String(v.delete));
  print({ ...done }, `Deleted the event of booking ${done.bookingId}`);
  return 0;
}

async function calendar(desk: Desk, argv: string[], out: (line: string) => void): Promise<number> {
  const v = calendarArgs(argv);
  const asked = [v.add, v.respond, v.move, v.delete, v.week].filter((x) => x !== undefined).length;
  if (asked > 1) throw new UsageError('calendar: give one of --week, --add, --respond, --move or --delete');
  if (v.respond !== undefined || v.move !== undefined || v.delete !== undefined) return handEdit(desk, v, out);
  if (v.add) {
    if (typeof v.start !== 'string' || typeof v.end !== 'string') throw new UsageError('calendar: --add needs --start <ISO> and --end <ISO>');
    const start = instant('calendar', '--start', v.start);
    const end = instant('calendar', '--end', v.end);
    if (end <= start) throw new UsageError('calendar: --end must be after --start');
    const subject = typeof v.subject === 'string' && v.subject.trim() ? v.subject.trim() : 'Busy';
    const ref = await desk.addCalendarEvent({ subject, start, end });
    out(v.json ? JSON.stringify({ eventId: ref.id, start: formatLondonIso(start), end: formatLondonIso(end) }) : `Added event ${ref.id}`);
    return 0;
  }
  if (typeof v.week !== 'string' || !isPlainDate(v.week)) throw new UsageError('calendar: --week <YYYY-MM-DD> is required');
  const rows = (await desk.weekSlots(v.week)).map((slot) =>
    'start' in slot
      ? { day: slot.day, start: formatLondonIso(slot.start), end: formatLondonIso(slot.end), status: slot.status === 'taken by hand' ? 'taken (event added by hand)' : slot.status, ...('nNumbers' in slot ? { nNumbers: [...slot.nNumbers] } : {}) }
      : { day: slot.day, status: slot.status },
  );
  for (const r of rows) {
    if (!('start' in r)) {
      out(v.json ? JSON.stringify(r) : `${r.day} ${r.status}`);
      continue;
    }
    out(v.json ? JSON.stringify(r) : `${r.day} ${r.start.slice(11, 16)}-${r.end.slice(11, 16)} ${r.status}${r.nNumbers ? ' ' + r.nNumbers.join(' ') : ''}`);
  }
  return 0;
}

async function reconcile(desk: Desk, argv: string[], out: (line: string) => void): Promise<number> {
  args('reconcile', argv, {});
  out(JSON.stringify(await desk.reconcile()));
  return 0;
}

/** Dates as UK time with offset, for what the command line prints. */
function londonDates(value: unknown): unknown {
  if (value instanceof Date) return formatLondonIso(value);
  if (Array.isArray(value)) return value.map(londonDates);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, londonDates(v)]));
  return value;
}

/** `record --case <N number>`: the discussion record of the case's latest request; `--docx <path>` writes the document. */
async function record(desk: Desk, argv: string[], out: (line: string) => void): Promise<number> {
  const v = args('record', argv, { case: { type: 'string' }, json: { type: 'boolean' }, docx: { type: 'string' }, kind: { type: 'string' } });
  const nNumber = typeof v.case === 'string' ? v.case.trim().toUpperCase() : '';
  if (!nNumber) throw new UsageError('record: --case <N number> is required');
  if (!/^[A-Z0-9-]{1,20}$/.test(nNumber)) throw new UsageError(`record: --case must be an N number such as N146782`);
  const kind = v.kind === undefined ? 'record' : v.kind;
  if (kind !== 'record' && kind !== 'summary') throw new UsageError('record: --kind must be record or summary');
  if (v.docx !== undefined && (typeof v.docx !== 'string' || !v.docx.trim())) throw new UsageError('record: --docx needs a file path');
  let result;
  try {
    result = await desk.planOfCase(nNumber, cliActor(), operator);
  } catch (e) {
    if (e instanceof DeskError && e.code === 'not-found') throw new UsageError(`record: --case ${nNumber} has no discussion record`);
    throw e;
  }
  if (result.view.sight !== 'full') throw new UsageError(`record: --case ${nNumber} may not be read here`);
  const { plan, quorum, finaliseProblems } = result.view;
  if (typeof v.docx === 'string') {
    const document = await desk.planDocument(plan.id, kind, cliActor(), operator);
    try {
      writeFileSync(v.docx, document.content);
    } catch (e) {
      throw new UsageError(`record: --docx ${v.docx} cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    out(v.json ? JSON.stringify({ discussionId: plan.id, kind, file: v.docx, bytes: document.content.byteLength }) : `Wrote the ${kind === 'summary' ? 'action plan summary' : 'record'} of ${plan.nNumbers.join(' ')} to ${v.docx}`);
    return 0;
  }
  if (v.json) {
    out(JSON.stringify(londonDates({ plan, quorum, finaliseProblems })));
    return 0;
  }
  out(`Discussion ${plan.id} for ${plan.nNumbers.join(' ')}: ${plan.state === 'final' ? 'finalised' : 'open'}, version ${plan.version}`);
  out(`Meeting: ${formatLondonIso(plan.meeting.start)} (${plan.meeting.venue})`);
  out(`Attendance: ${plan.attendees.length}; ${quorum.quorate ? 'quorate' : `not quorate (missing: ${quorum.missing.join(', ')})`}`);
  out(`Actions: ${plan.actions.length}; decisions: ${plan.decisions.length}`);
  for (const problem of finaliseProblems) out(`To finalise: ${problem.message}`);
  return 0;
}

const commands: Record<string, (desk: Desk, argv: string[], out: (line: string) => void) => Promise<number>> = { slot, book, cancel, calendar, reconcile, record };

/** Runs one CLI command; returns the process exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  const run = command ? commands[command] : undefined;
  if (!run) {
    process.stderr.write(`usage: cli <${Object.keys(commands).join('|')}> [options]\n`);
    return 2;
  }
  let desk: OpenDesk | undefined;
  try {
    const config = loadConfig(env);
    desk = await openDesk(config, { clock: systemClock, log: pino({ level: 'warn' }, pino.destination(2)) });
    return await run(desk, rest, (line) => process.stdout.write(line + '\n'));
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      process.stderr.write(e.message + '\n');
      return 2;
    }
    if (e instanceof NoSlotError) {
      process.stderr.write(`${command}: ${e.message}; the request is saved\n`);
      return 3;
    }
    if (e instanceof DeskError) {
      process.stderr.write(`${command}: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`${command}: failed: ${(e as Error).message.split('\n')[0]}\n`);
    return 1;
  } finally {
    await desk?.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  applyV8Settings(process.execArgv);
  if (existsSync('.env')) process.loadEnvFile('.env');
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
