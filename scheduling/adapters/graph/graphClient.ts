import { ClientSecretCredential } from '@azure/identity';
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RedirectHandler,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import type { Config } from '../../config/config.js';

/** The Graph client allows at most 10. */
const maxRetries = 10;

export type GraphSettings = NonNullable<Config['graph']>;

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
 * scope `/.default`. 429, 503 and 504 are retried up to 10 times, honouring Retry-After, POSTs
 * included; creates stay single because GraphCalendar sends a transactionId.
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

  // The default chain, with more retries than its default of 3: bursts against one mailbox are
  // throttled for a while (4 concurrent calls, about 10,000 per 10 minutes).
  // The delay (seconds) applies only when Graph sends no Retry-After.
  const auth = new AuthenticationHandler(authProvider);
  const retry = new RetryHandler(new RetryHandlerOptions(3, maxRetries));
  const redirect = new RedirectHandler();
  const telemetry = new TelemetryHandler();
  auth.setNext(retry);
  retry.setNext(redirect);
  redirect.setNext(telemetry);
  telemetry.setNext(new HTTPMessageHandler());

  return Client.initWithMiddleware({
    middleware: auth,
    baseUrl,
    defaultVersion,
    ...(graphHosts.has(host) ? {} : { customHosts: new Set([host]) }),
  });
}
