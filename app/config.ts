import type { BotCredentials } from '../bot/server.js';
import type { GraphSettings } from '../scheduling/adapters/graph/graphClient.js';
import type { EscalationContact } from '../scheduling/model/EscalationContact.js';
import type { ConferenceMode } from '../scheduling/model/DiscussionPlace.js';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { boolean, describe, email, httpsUrl, json, oneOf, orElse, readAs, refuse, required, wholeNumber } from './environmentVariable.js';
import { isPlainDate } from '../scheduling/rules/PlainDate.js';
import type { PlainDate } from '../scheduling/model/PlainDate.js';
import { rotaSchema } from '../scheduling/rules/Rota.js';
import type { Rota } from '../scheduling/model/Rota.js';

export type MinutesRule = { kind: 'hours'; hours: number } | { kind: 'workingDays'; days: number };

/** Everything the product reads from its environment, validated once at start-up. */
export interface Config {
  /** 0 picks a free port (the start-up log line says which). */
  readonly port: number;
  /**
   * The address to listen on (`HOST`); unset, the server picks: loopback without MicrosoftAppId,
   * every interface with it.
   */
  readonly host?: string;
  readonly logLevel: string;
  readonly dataDir: string;
  readonly databaseUrl?: string;
  readonly rotaFile: string;
  readonly rota: Rota;
  readonly closureDays: readonly PlainDate[];
  readonly nNumberPattern: RegExp;
  readonly policeReferralAddress: string;
  readonly escalationContacts: readonly EscalationContact[];
  readonly calendar: {
    readonly backend: 'local' | 'graph';
    readonly mailbox: string;
    readonly subjectFormat: string;
    readonly subjectIncludesSurname: boolean;
    readonly joinDetails: string;
  };
  /** Where discussions are held and when their agenda goes up (issue 9, "Where the discussion happens"). */
  readonly discussion: {
    /** CONFERENCE_MODE: the conference line (`dial-in`, default) or a Teams meeting per booking (`teams`, Graph calendar only). */
    readonly mode: ConferenceMode;
    /** AGENDA_LEAD_MINUTES: minutes before the slot the agenda is posted. */
    readonly agendaLeadMinutes: number;
    /** TEAMS_APP_CATALOG_ID: the bot's app in the tenant's app catalog (required in Teams meeting mode). */
    readonly teamsAppCatalogId?: string;
  };
  readonly graph?: GraphSettings;
  /**
   * The https address Microsoft Graph reaches this bot at (`PUBLIC_URL`, no trailing slash). With
   * the Graph calendar it turns on change notifications for the shared calendar.
   */
  readonly publicUrl?: string;
  /** When the record of a discussion is due: MINUTES_DUE, else the rota file's `minutesDue`, else 24 hours. */
  readonly minutesDue: MinutesRule;
  /** Minutes police have to call after an urgent request before the escalation (POLICE_CONTACT_MINUTES). */
  readonly policeContactMinutes: number;
  readonly reservationTimeoutSeconds: number;
  /** Background jobs (pg-boss in the store): how often the bot looks for due jobs, and how often the reconciler sweeps. */
  readonly jobs: {
    readonly pollSeconds: number;
    readonly reconcileEverySeconds: number;
  };
  /** Seconds between two reads of the shared calendar for the police's replies and hand edits. */
  readonly calendarPollSeconds: number;
  readonly bot: BotCredentials;
}

/** A configuration problem, naming the variable (and the field inside a file). */
export class ConfigError extends Error {
  readonly code = 'config.invalid';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const defaultRotaFile = fileURLToPath(new URL('./rotas/northamptonshire.json', import.meta.url));

/** ROTA_FILE: a JSON rota file, read and checked field by field; gives the file and the rota. */
const rotaFile = z.string().transform((file, ctx) => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return refuse(ctx, `cannot be read: ${file}`);
  }
  const parsed = json(rotaSchema, `is not valid JSON: ${file}`).safeParse(text);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
    return z.NEVER;
  }
  return { file, rota: parsed.data };
});

/** ESCALATION_CONTACTS: whom the TM is told to phone when no police contact is recorded in time, by level. */
const contactsSchema = z
  .array(
    z
      .object({ label: z.string().trim().min(1), name: z.string().trim().min(1), phone: z.string().trim().min(3), level: z.number().int().min(1).max(9).optional() })
      .strict(),
  )
  .refine((contacts) => contacts.every((c) => c.level === undefined) || contacts.every((c) => c.level !== undefined), 'must give every contact a level, or none (then each run of one label is a level)');

/**
 * What local mode (no tenant, a trial on one machine) shows when ESCALATION_CONTACTS is not set:
 * contacts marked as examples on every card, never an empty list. The Graph calendar (production)
 * refuses to start without real ones.
 */
export const exampleEscalationContacts: readonly EscalationContact[] = [
  { label: 'EXAMPLE ONLY (set ESCALATION_CONTACTS) - Duty DS', name: 'DS Example', phone: '101 ext 000000', level: 1 },
  { label: 'EXAMPLE ONLY (set ESCALATION_CONTACTS) - Admin support', name: 'Police admin support', phone: '101 ext 000001', level: 2 },
  { label: 'EXAMPLE ONLY (set ESCALATION_CONTACTS) - MASH service manager', name: 'MASH service manager', phone: '01604 000002', level: 3 },
];

/** An IP address, or a host name of letters, digits, hyphens and dots (RFC 1123). */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const host = readAs(
  (text) => {
    const address = text.replace(/^\[(.*)\]$/, '$1');
    return isIP(address) !== 0 || HOST_NAME.test(address) ? address : undefined;
  },
  (text) => `must be an IP address or host name to listen on (e.g. 127.0.0.1), not "${text.slice(0, 60)}"`,
);

/** CLOSURE_DAYS: days the service is closed, YYYY-MM-DD, separated by commas or spaces. */
const closureDays = z.string().transform((text, ctx) => {
  const days = text.split(/[\s,]+/).filter(Boolean);
  const bad = days.find((day) => !isPlainDate(day));
  return bad === undefined ? (days as PlainDate[]) : refuse(ctx, `has "${bad}", which is not a YYYY-MM-DD date`);
});

/** N_NUMBER_PATTERN: a JavaScript regular expression. */
const regularExpression = z.string().transform((text, ctx) => {
  try {
    return new RegExp(text);
  } catch (e) {
    return refuse(ctx, `is not a valid regular expression: ${(e as Error).message}`);
  }
});

/** SUBJECT_FORMAT: the calendar subject, with these placeholders only. */
const placeholders = ['surnames', 'nNumbers', 'role', 'manager', 'phone'];
const subjectFormat = z.string().transform((text, ctx) => {
  const unknown = [...text.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? '').find((name) => !placeholders.includes(name));
  return unknown === undefined ? text : refuse(ctx, `has unknown placeholder {${unknown}} (use {surnames} {nNumbers} {role} {manager} {phone})`);
});

/** MINUTES_DUE: hours ("24h") or working days ("1wd") after the discussion. */
const minutesRule = readAs<MinutesRule>(
  (text) => {
    const hours = /^(\d{1,3})h$/.exec(text);
    if (hours) return { kind: 'hours', hours: Number(hours[1]) };
    const days = /^(\d{1,2})wd$/.exec(text);
    return days ? { kind: 'workingDays', days: Number(days[1]) } : undefined;
  },
  (text) => `must be hours like "24h" or working days like "1wd", not "${text}"`,
);

const postgresUrl = readAs(
  (text) => (/^postgres(ql)?:\/\//.test(text) ? text : undefined),
  () => 'must start with postgres:// or postgresql://',
);

/** Read only when CALENDAR_BACKEND=graph. */
const graphVariables = z
  .object({
    AZURE_TENANT_ID: required('is required when CALENDAR_BACKEND=graph'),
    AZURE_CLIENT_ID: required('is required when CALENDAR_BACKEND=graph'),
    AZURE_CLIENT_SECRET: required('is required when CALENDAR_BACKEND=graph'),
    GRAPH_BASE_URL: orElse('https://graph.microsoft.com/v1.0', httpsUrl),
    AZURE_AUTHORITY_HOST: orElse('https://login.microsoftonline.com', httpsUrl),
  })
  .transform(
    (env): GraphSettings => ({
      tenantId: env.AZURE_TENANT_ID,
      clientId: env.AZURE_CLIENT_ID,
      clientSecret: env.AZURE_CLIENT_SECRET,
      baseUrl: env.GRAPH_BASE_URL,
      authorityHost: env.AZURE_AUTHORITY_HOST,
    }),
  );

/** Every variable's text trimmed, and an empty one as unset (so its default applies). */
function setVariables(env: unknown): Record<string, string> {
  const set: Record<string, string> = {};
  for (const [name, value] of Object.entries(env as NodeJS.ProcessEnv)) if (value !== undefined && value.trim() !== '') set[name] = value.trim();
  return set;
}

/** PUBLIC_URL: the https address Graph reaches the bot at (a path prefix allowed; no query). */
const publicUrl = readAs(
  (text) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return undefined;
    }
    if (url.protocol !== 'https:' || url.search || url.hash || url.username || url.password) return undefined;
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  },
  (text) => `must be the https:// address Microsoft Graph reaches the bot at, with no query (e.g. https://desk.council.example), not "${text.slice(0, 80)}"`,
);

/**
 * The environment, variable by variable (in the order they are checked and reported), then the
 * rules that tie variables together.
 */
const environment = z.preprocess(
  setVariables,
  z
    .object({
      ROTA_FILE: orElse(defaultRotaFile, rotaFile),
      CLOSURE_DAYS: orElse('', closureDays),
      N_NUMBER_PATTERN: orElse('^N\\d{6}$', regularExpression),
      POLICE_REFERRAL_ADDRESS: orElse('police.referral.unit@example.org', email),
      ESCALATION_CONTACTS: orElse('[]', json(contactsSchema, 'is not valid JSON (expected [{"label","name","phone"}, ...])')),
      CALENDAR_BACKEND: orElse('local', oneOf(['local', 'graph'], (text) => `must be "local" or "graph", not "${text}"`)),
      CALENDAR_MAILBOX: orElse('strategy.meetings@example.org', email),
      SUBJECT_FORMAT: orElse('{surnames} children / {role}: {manager} ({phone})', subjectFormat),
      AZURE_TENANT_ID: z.string().optional(),
      AZURE_CLIENT_ID: z.string().optional(),
      AZURE_CLIENT_SECRET: z.string().optional(),
      GRAPH_BASE_URL: z.string().optional(),
      AZURE_AUTHORITY_HOST: z.string().optional(),
      HOST: host.optional(),
      DATABASE_URL: postgresUrl.optional(),
      MicrosoftAppType: orElse('MultiTenant', oneOf(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], (text) => `must be MultiTenant, SingleTenant or UserAssignedMSI, not "${text}"`)),
      MicrosoftAppId: z.string().optional(),
      MicrosoftAppPassword: z.string().optional(),
      MicrosoftAppTenantId: z.string().optional(),
      PORT: orElse('3978', wholeNumber(0, 65535)),
      LOG_LEVEL: orElse('info', z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
      DATA_DIR: z.string().default('./data'),
      SUBJECT_INCLUDES_SURNAME: orElse('true', boolean),
      CONFERENCE_MODE: orElse('dial-in', oneOf(['dial-in', 'teams'], (text) => `must be "dial-in" or "teams", not "${text}"`)),
      AGENDA_LEAD_MINUTES: orElse('5', wholeNumber(0, 240)),
      TEAMS_APP_CATALOG_ID: z.string().optional(),
      CONFERENCE_JOIN_DETAILS: z.string().default('Join details: see the conference line published by your area (set CONFERENCE_JOIN_DETAILS).'),
      PUBLIC_URL: publicUrl.optional(),
      MINUTES_DUE: minutesRule.optional(),
      POLICE_CONTACT_MINUTES: orElse('60', wholeNumber(1, 1440)),
      RESERVATION_TIMEOUT_SECONDS: orElse('120', wholeNumber(5, 86_400)),
      JOB_POLL_SECONDS: orElse('2', wholeNumber(1, 60)),
      RECONCILE_EVERY_SECONDS: orElse('300', wholeNumber(5, 86_400)),
      CALENDAR_POLL_SECONDS: orElse('120', wholeNumber(10, 86_400)),
    })
    .transform((env, ctx): Config => {
      const appType = env.MicrosoftAppType;
      if (env.MicrosoftAppId && !env.MicrosoftAppPassword && appType !== 'UserAssignedMSI') refuse(ctx, 'is required when MicrosoftAppId is set', ['MicrosoftAppPassword']);
      if (appType === 'SingleTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) refuse(ctx, 'is required when MicrosoftAppType=SingleTenant', ['MicrosoftAppTenantId']);
      if (env.CONFERENCE_MODE === 'teams') {
        // A Teams meeting is made by the calendar with the event: only Graph can; the local calendar has no Teams.
        if (env.CALENDAR_BACKEND !== 'graph') refuse(ctx, 'is "teams", which needs CALENDAR_BACKEND=graph (the Teams meeting is created with the calendar event): set CALENDAR_BACKEND=graph, or CONFERENCE_MODE=dial-in', ['CONFERENCE_MODE']);
        if (!env.TEAMS_APP_CATALOG_ID) refuse(ctx, "is required when CONFERENCE_MODE=teams (the bot's app id in your tenant's app catalog, to install it into meeting chats)", ['TEAMS_APP_CATALOG_ID']);
      }
      let graph: GraphSettings | undefined;
      if (env.CALENDAR_BACKEND === 'graph' && env.ESCALATION_CONTACTS.length === 0) {
        refuse(ctx, 'is required with CALENDAR_BACKEND=graph: list the people a manager phones when police have not called within the hour, e.g. [{"label":"Duty DS","name":"DS ...","phone":"101 ext ..."}]', ['ESCALATION_CONTACTS']);
      }
      if (env.CALENDAR_BACKEND === 'graph') {
        const parsed = graphVariables.safeParse({
          AZURE_TENANT_ID: env.AZURE_TENANT_ID,
          AZURE_CLIENT_ID: env.AZURE_CLIENT_ID,
          AZURE_CLIENT_SECRET: env.AZURE_CLIENT_SECRET,
          GRAPH_BASE_URL: env.GRAPH_BASE_URL,
          AZURE_AUTHORITY_HOST: env.AZURE_AUTHORITY_HOST,
        });
        if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
        else graph = parsed.data;
      }
      return {
        port: env.PORT,
        ...(env.HOST ? { host: env.HOST } : {}),
        logLevel: env.LOG_LEVEL,
        dataDir: env.DATA_DIR,
        ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
        rotaFile: env.ROTA_FILE.file,
        rota: env.ROTA_FILE.rota,
        closureDays: env.CLOSURE_DAYS,
        nNumberPattern: env.N_NUMBER_PATTERN,
        policeReferralAddress: env.POLICE_REFERRAL_ADDRESS,
        escalationContacts: env.ESCALATION_CONTACTS.length > 0 ? env.ESCALATION_CONTACTS : exampleEscalationContacts,
        calendar: {
          backend: env.CALENDAR_BACKEND,
          mailbox: env.CALENDAR_MAILBOX,
          subjectFormat: env.SUBJECT_FORMAT,
          subjectIncludesSurname: env.SUBJECT_INCLUDES_SURNAME,
          joinDetails: env.CONFERENCE_JOIN_DETAILS,
        },
        discussion: {
          mode: env.CONFERENCE_MODE,
          agendaLeadMinutes: env.AGENDA_LEAD_MINUTES,
          ...(env.CONFERENCE_MODE === 'teams' && env.TEAMS_APP_CATALOG_ID ? { teamsAppCatalogId: env.TEAMS_APP_CATALOG_ID } : {}),
        },
        ...(graph ? { graph } : {}),
        ...(env.PUBLIC_URL ? { publicUrl: env.PUBLIC_URL } : {}),
        // MINUTES_DUE overrides the area's rota file (its `minutesDue` is checked with the rota).
        minutesDue: env.MINUTES_DUE ?? minutesRule.parse(env.ROTA_FILE.rota.minutesDue ?? '24h'),
        policeContactMinutes: env.POLICE_CONTACT_MINUTES,
        reservationTimeoutSeconds: env.RESERVATION_TIMEOUT_SECONDS,
        jobs: { pollSeconds: env.JOB_POLL_SECONDS, reconcileEverySeconds: env.RECONCILE_EVERY_SECONDS },
        calendarPollSeconds: env.CALENDAR_POLL_SECONDS,
        bot: {
          ...(env.MicrosoftAppId ? { appId: env.MicrosoftAppId } : {}),
          ...(env.MicrosoftAppPassword ? { appPassword: env.MicrosoftAppPassword } : {}),
          appType,
          ...(env.MicrosoftAppTenantId ? { appTenantId: env.MicrosoftAppTenantId } : {}),
        },
      };
    }),
);

/**
 * Reads and validates the whole configuration from an environment.
 * @throws ConfigError naming the first bad variable (and field), e.g.
 *   `config: N_NUMBER_PATTERN is not a valid regular expression: ...`
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = environment.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(describe(parsed.error.issues[0]!));
}
