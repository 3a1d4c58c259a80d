import { readFileSync } from 'node:fs';

/** The values a Teams package is built from; they fill the template's `{{name}}` placeholders. */
export interface ManifestSettings {
  /** Bot Framework / Entra application (client) id: `bots[0].botId`. */
  readonly botId: string;
  /** The Teams app id (`id`); the bot's id unless TEAMS_APP_ID gives another. */
  readonly teamsAppId: string;
  /** Host name that serves https://<botDomain>/api/messages; the only entry in `validDomains`. */
  readonly botDomain: string;
  /** App version, from package.json: bump it to publish an update. */
  readonly version: string;
}

/** A missing or malformed setting; its message is the one line the build prints. */
export class SettingError extends Error {
  readonly code = 'manifest.setting';
}

const guid = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const hostName = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

// Only for trying the package shape locally: Teams rejects an all-zero bot id on upload.
const devPlaceholders = { botId: '00000000-0000-0000-0000-000000000000', botDomain: 'localhost' };

function required(env: NodeJS.ProcessEnv, name: string, pattern: RegExp, what: string, fallback?: string): string {
  const value = env[name]?.trim() || fallback;
  if (!value) throw new SettingError(`${name} is not set: it must be ${what} (or pass --dev for a placeholder)`);
  if (!pattern.test(value)) throw new SettingError(`${name} must be ${what}, got "${value}"`);
  return value;
}

/**
 * Reads the package settings from the environment: `MicrosoftAppId` (GUID), `BOT_DOMAIN` (host
 * name), optional `TEAMS_APP_ID` (GUID). With `dev`, placeholders stand in for unset values.
 * @example
 * manifestSettings({ MicrosoftAppId: '6b2c...', BOT_DOMAIN: 'desk.example.org' }, { packageJson: 'package.json' }).botDomain
 * //=> 'desk.example.org'
 */
export function manifestSettings(env: NodeJS.ProcessEnv, options: { dev?: boolean; packageJson: string }): ManifestSettings {
  const fallback = options.dev ? devPlaceholders : { botId: undefined, botDomain: undefined };
  const botId = required(env, 'MicrosoftAppId', guid, 'the bot\'s Entra application (client) id, a GUID', fallback.botId);
  const teamsAppId = env.TEAMS_APP_ID?.trim() ? required(env, 'TEAMS_APP_ID', guid, 'a GUID') : botId;
  const botDomain = required(env, 'BOT_DOMAIN', hostName, 'the host name of the messaging endpoint, without https:// or a path', fallback.botDomain);
  const { version } = JSON.parse(readFileSync(options.packageJson, 'utf8')) as { version?: unknown };
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+$/.test(version)) throw new SettingError(`package.json version must be x.y.z, got ${JSON.stringify(version)}`);
  return { botId, teamsAppId, botDomain, version };
}
