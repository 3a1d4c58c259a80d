import { isLoopbackHost } from './loopback.js';

/** The server will not listen where it was asked to (a network address in local mode); the message names HOST. */
export class UnsafeHostError extends Error {
  readonly code = 'config.invalid';
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeHostError';
  }
}

/**
 * The address the bot listens on. Without MicrosoftAppId (local mode) the bot accepts activities
 * without a token, so it listens on loopback only: 127.0.0.1 unless HOST names another loopback
 * address. With MicrosoftAppId every activity needs a Bot Framework token, and HOST defaults to
 * every interface.
 * Rule: README "Reliability" (local mode is for this machine only).
 * @throws UnsafeHostError naming HOST and MicrosoftAppId when HOST is not loopback in local mode.
 * @example
 * listenHost({ host: undefined, bot: { appType: 'MultiTenant' } }) //=> '127.0.0.1'
 * listenHost({ host: '0.0.0.0', bot: { appType: 'MultiTenant' } }) // throws UnsafeHostError
 */
export function listenHost(config: { readonly host?: string; readonly bot: { readonly appId?: string } }): string {
  if (config.bot.appId) return config.host ?? '::';
  const host = config.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new UnsafeHostError(
      `config: HOST=${host} is not a loopback address, and without MicrosoftAppId the bot takes requests without a token: set MicrosoftAppId (and MicrosoftAppPassword) to listen there, or leave HOST unset (127.0.0.1)`,
    );
  }
  return host;
}
