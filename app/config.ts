import type { BotCredentials } from '../bot/server.js';
import type { GraphSettings } from '../scheduling/adapters/graph/graphClient.js';
import type { EscalationContact } from '../scheduling/model/EscalationContact.js';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
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

const emailSchema = z.string().trim().email();
const optional = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim());

function fail(variable: string, problem: string): never {
  throw new ConfigError(`config: ${variable} ${problem}`);
}

function parseWith<T>(variable: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length ? ` (field ${issue.path.join('.')})` : '';
  fail(variable, `is invalid${where}: ${issue.message}`);
}

function loadRota(file: string): Rota {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    fail('ROTA_FILE', `cannot be read: ${file}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    fail('ROTA_FILE', `is not valid JSON: ${file}`);
  }
  return parseWith('ROTA_FILE', rotaSchema, json);
}

function parseBoolean(variable: string, value: string | undefined, fallback: boolean): boolean {
  const v = optional(value);
  if (v === undefined) return fallback;
  if (/^(true|1|yes)$/i.test(v)) return true;
  if (/^(false|0|no)$/i.test(v)) return false;
  fail(variable, `must be true or false, not "${v}"`);
}

function parseInteger(variable: string, value: string | undefined, fallback: number, min: number, max: number): number {
  const v = optional(value);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) fail(variable, `must be a whole number from ${min} to ${max}, not "${v}"`);
  return Number(v);
}

const contactsSchema = z
  .array(
    z
      .object({ label: z.string().trim().min(1), name: z.string().trim().min(1), phone: z.string().trim().min(3), level: z.number().int().min(1).max(9).optional() })
      .strict(),
  )
  .refine((contacts) => contacts.every((c) => c.level === undefined) || contacts.every((c) => c.level !== undefined), 'give every contact a level, or none (then each run of one label is a level)');

/** An IP address, or a host name of letters, digits, hyphens and dots (RFC 1123). */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function parseHost(value: string | undefined): string | undefined {
  const v = optional(value);
  if (v === undefined) return undefined;
  const address = v.replace(/^\[(.*)\]$/, '$1');
  if (isIP(address) === 0 && !HOST_NAME.test(address)) fail('HOST', `must be an IP address or host name to listen on (e.g. 127.0.0.1), not "${v.slice(0, 60)}"`);
  return address;
}

function parsePublicUrl(value: string | undefined): string | undefined {
  const v = optional(value);
  if (v === undefined) return undefined;
  const wrong: () => never = () => fail('PUBLIC_URL', `must be the https:// address Microsoft Graph reaches the bot at, with no query (e.g. https://desk.council.example), not "${v.slice(0, 80)}"`);
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    wrong();
  }
  if (url.protocol !== 'https:' || url.search || url.hash || url.username || url.password) wrong();
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function parseMinutesRule(value: string | undefined, variable = 'MINUTES_DUE'): MinutesRule {
  const v = optional(value) ?? '24h';
  const hours = /^(\d{1,3})h$/.exec(v);
  if (hours) return { kind: 'hours', hours: Number(hours[1]) };
  const days = /^(\d{1,2})wd$/.exec(v);
  if (days) return { kind: 'workingDays', days: Number(days[1]) };
  fail(variable, `must be hours like "24h" or working days like "1wd", not "${v}"`);
}

/**
 * Reads and validates the whole configuration from an environment.
 * @throws ConfigError naming the first bad variable (and field), e.g.
 *   `config: N_NUMBER_PATTERN is not a valid regular expression: ...`
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const rotaFile = optional(env.ROTA_FILE) ?? defaultRotaFile;
  const rota = loadRota(rotaFile);

  const closureDays = (optional(env.CLOSURE_DAYS) ?? '').split(/[\s,]+/).filter(Boolean);
  for (const day of closureDays) if (!isPlainDate(day)) fail('CLOSURE_DAYS', `has "${day}", which is not a YYYY-MM-DD date`);

  const patternText = optional(env.N_NUMBER_PATTERN) ?? '^N\\d{6}$';
  let nNumberPattern: RegExp;
  try {
    nNumberPattern = new RegExp(patternText);
  } catch (e) {
    fail('N_NUMBER_PATTERN', `is not a valid regular expression: ${(e as Error).message}`);
  }

  const policeReferralAddress = parseWith('POLICE_REFERRAL_ADDRESS', emailSchema, optional(env.POLICE_REFERRAL_ADDRESS) ?? 'police.referral.unit@example.org');

  let escalationContacts: EscalationContact[] = [];
  const contactsText = optional(env.ESCALATION_CONTACTS);
  if (contactsText) {
    let json: unknown;
    try {
      json = JSON.parse(contactsText);
    } catch {
      fail('ESCALATION_CONTACTS', 'is not valid JSON (expected [{"label","name","phone"}, ...])');
    }
    escalationContacts = parseWith('ESCALATION_CONTACTS', contactsSchema, json);
  }

  const backend = optional(env.CALENDAR_BACKEND) ?? 'local';
  if (backend !== 'local' && backend !== 'graph') fail('CALENDAR_BACKEND', `must be "local" or "graph", not "${backend}"`);
  const mailbox = parseWith('CALENDAR_MAILBOX', emailSchema, optional(env.CALENDAR_MAILBOX) ?? 'strategy.meetings@example.org');

  const subjectFormat = optional(env.SUBJECT_FORMAT) ?? '{surnames} children / {role}: {manager} ({phone})';
  const unknown = [...subjectFormat.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).filter((p) => !['surnames', 'nNumbers', 'role', 'manager', 'phone'].includes(p ?? ''));
  if (unknown.length) fail('SUBJECT_FORMAT', `has unknown placeholder {${unknown[0]}} (use {surnames} {nNumbers} {role} {manager} {phone})`);

  let graph: Config['graph'];
  if (backend === 'graph') {
    const need = (name: 'AZURE_TENANT_ID' | 'AZURE_CLIENT_ID' | 'AZURE_CLIENT_SECRET') => optional(env[name]) ?? fail(name, 'is required when CALENDAR_BACKEND=graph');
    const url = (name: string, value: string) => parseWith(name, z.string().url().refine((u) => u.startsWith('https://'), 'must be an https:// URL'), value).replace(/\/+$/, '');
    graph = {
      tenantId: need('AZURE_TENANT_ID'),
      clientId: need('AZURE_CLIENT_ID'),
      clientSecret: need('AZURE_CLIENT_SECRET'),
      baseUrl: url('GRAPH_BASE_URL', optional(env.GRAPH_BASE_URL) ?? 'https://graph.microsoft.com/v1.0'),
      authorityHost: url('AZURE_AUTHORITY_HOST', optional(env.AZURE_AUTHORITY_HOST) ?? 'https://login.microsoftonline.com'),
    };
  }

  const host = parseHost(env.HOST);
  const publicUrl = parsePublicUrl(env.PUBLIC_URL);

  const databaseUrl = optional(env.DATABASE_URL);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) fail('DATABASE_URL', 'must start with postgres:// or postgresql://');

  const appType = optional(env.MicrosoftAppType) ?? 'MultiTenant';
  if (!['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(appType)) fail('MicrosoftAppType', `must be MultiTenant, SingleTenant or UserAssignedMSI, not "${appType}"`);
  const appId = optional(env.MicrosoftAppId);
  const appPassword = optional(env.MicrosoftAppPassword);
  if (appId && !appPassword && appType !== 'UserAssignedMSI') fail('MicrosoftAppPassword', 'is required when MicrosoftAppId is set');
  const appTenantId = optional(env.MicrosoftAppTenantId);
  if (appType === 'SingleTenant' && appId && !appTenantId) fail('MicrosoftAppTenantId', 'is required when MicrosoftAppType=SingleTenant');

  return {
    port: parseInteger('PORT', env.PORT, 3978, 0, 65535),
    ...(host ? { host } : {}),
    logLevel: parseWith('LOG_LEVEL', z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), optional(env.LOG_LEVEL) ?? 'info'),
    dataDir: optional(env.DATA_DIR) ?? './data',
    ...(databaseUrl ? { databaseUrl } : {}),
    rotaFile,
    rota,
    closureDays,
    nNumberPattern,
    policeReferralAddress,
    escalationContacts,
    calendar: {
      backend,
      mailbox,
      subjectFormat,
      subjectIncludesSurname: parseBoolean('SUBJECT_INCLUDES_SURNAME', env.SUBJECT_INCLUDES_SURNAME, true),
      joinDetails: optional(env.CONFERENCE_JOIN_DETAILS) ?? 'Join details: see the conference line published by your area (set CONFERENCE_JOIN_DETAILS).',
    },
    ...(graph ? { graph } : {}),
    ...(publicUrl ? { publicUrl } : {}),
    minutesDue: optional(env.MINUTES_DUE) ? parseMinutesRule(env.MINUTES_DUE) : parseMinutesRule(rota.minutesDue, 'ROTA_FILE (field minutesDue)'),
    policeContactMinutes: parseInteger('POLICE_CONTACT_MINUTES', env.POLICE_CONTACT_MINUTES, 60, 1, 1440),
    reservationTimeoutSeconds: parseInteger('RESERVATION_TIMEOUT_SECONDS', env.RESERVATION_TIMEOUT_SECONDS, 120, 5, 86_400),
    jobs: {
      pollSeconds: parseInteger('JOB_POLL_SECONDS', env.JOB_POLL_SECONDS, 2, 1, 60),
      reconcileEverySeconds: parseInteger('RECONCILE_EVERY_SECONDS', env.RECONCILE_EVERY_SECONDS, 300, 5, 86_400),
    },
    calendarPollSeconds: parseInteger('CALENDAR_POLL_SECONDS', env.CALENDAR_POLL_SECONDS, 120, 10, 86_400),
    bot: {
      ...(appId ? { appId } : {}),
      ...(appPassword ? { appPassword } : {}),
      appType: appType as Config['bot']['appType'],
      ...(appTenantId ? { appTenantId } : {}),
    },
  };
}
