import { ClientSecretCredential } from '@azure/identity';
import { AuthenticationHandler, Client, HTTPMessageHandler, RedirectHandler, TelemetryHandler } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';

/** How to reach Graph for the shared mailbox, app-only (config AZURE_* and GRAPH_BASE_URL). */
export interface GraphSettings {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** e.g. `https://graph.microsoft.com/v1.0` */
  readonly baseUrl: string;
  /** e.g. `https://login.microsoftonline.com` */
  readonly authorityHost: string;
}

/** Graph's own hosts; any other base URL (a sovereign cloud, the test fake) must be named to get the token. */
const graphHosts = new Set(['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn']);

/**
 * Splits a base URL such as `https://graph.microsoft.com/v1.0` into the client's `baseUrl`
 * (host, with a trailing slash) and `defaultVersion` (the last path segment).
 * @example
 * splitGraphBaseUrl('https://127.0.0.1:8443/v1.0') //=> { baseUrl: 'https://127.0.0.1:8443/', defaultVersion: 'v1.0', host: '127.0.0.1' }
 */
export function splitGraphBaseUrl(baseUrl: string): { baseUrl: string; defaultVersion: string; host: string } {
  const url = new URL(baseUrl.replace(/\/+$/, ''));
  const segments = url.pathname.split('/').filter(Boolean);
  const defaultVersion = segments.pop() ?? 'v1.0';
  const prefix = segments.length ? `${segments.join('/')}/` : '';
  return { baseUrl: `${url.origin}/${prefix}`, defaultVersion, host: url.hostname };
}

/**
 * The Microsoft Graph client for the shared mailbox, with app-only auth: a client secret
 * credential (tenant, client id, secret, authority host from configuration) behind the Graph
 * scope `/.default`. It does not retry: `GraphRetry` (used by GraphCalendar and GraphMailer)
 * does, waiting outside the mailbox's call slots, within a time budget, and never repeating a
 * `sendMail` that may have gone.
 */
export function createGraphClient(settings: GraphSettings): Client {
  const credential = new ClientSecretCredential(settings.tenantId, settings.clientId, settings.clientSecret, {
    authorityHost: settings.authorityHost,
    // Instance discovery asks login.microsoftonline.com whether the authority is known; with a
    // configured authority host (sovereign cloud, private link, the test fake) it must not.
    disableInstanceDiscovery: true,
  });
  const authProvider = new TokenCredentialAuthenticationProvider(credential, { scopes: ['https://graph.microsoft.com/.default'] });
  const { baseUrl, defaultVersion, host } = splitGraphBaseUrl(settings.baseUrl);

  // The default chain without its RetryHandler, which would sleep out a Retry-After while the
  // caller holds one of the mailbox's 4 call slots, and re-send a sendMail answered 503 or 504.
  const auth = new AuthenticationHandler(authProvider);
  const redirect = new RedirectHandler();
  const telemetry = new TelemetryHandler();
  auth.setNext(redirect);
  redirect.setNext(telemetry);
  telemetry.setNext(new HTTPMessageHandler());

  return Client.initWithMiddleware({
    middleware: auth,
    baseUrl,
    defaultVersion,
    ...(graphHosts.has(host) ? {} : { customHosts: new Set([host]) }),
  });
}
