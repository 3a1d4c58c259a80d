import { randomBytes } from 'node:crypto';
import type { GraphAnswer } from './FakeMailboxes.js';

/** The app registration the fake's token endpoint accepts; unset fields accept anything. */
export interface FakeApp {
  readonly tenantId?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
}

/**
 * The parts of the Microsoft identity platform MSAL uses for a client-secret token, offline:
 * OpenID discovery for the tenant, instance discovery (only asked when it is not disabled) and
 * the v2.0 token endpoint, which issues opaque bearer tokens the fake's Graph then checks.
 */
export class FakeIdentity {
  private readonly tokens = new Set<string>();

  constructor(private readonly app: FakeApp) {}

  isIssued(authorization: string | undefined): boolean {
    const m = /^Bearer (.+)$/i.exec(authorization ?? '');
    return !!m && this.tokens.has(m[1]!);
  }

  /** Handles an identity request, or returns undefined when the path is not one. */
  answer(method: string, path: string, form: URLSearchParams, origin: string): GraphAnswer | undefined {
    if (method === 'GET' && path === '/common/discovery/instance') {
      const host = new URL(origin).host;
      return { status: 200, body: { tenant_discovery_endpoint: `${origin}/common/v2.0/.well-known/openid-configuration`, 'api-version': '1.1', metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }] } };
    }
    const discovery = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
    if (method === 'GET' && discovery) return { status: 200, body: openIdConfiguration(origin, discovery[1]!) };
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (method === 'POST' && token) return this.issue(token[1]!, form);
    return undefined;
  }

  private issue(tenant: string, form: URLSearchParams): GraphAnswer {
    const refuse = (error: string, description: string, status = 400): GraphAnswer => ({ status, body: { error, error_description: description, error_codes: [], timestamp: new Date().toISOString() } });
    if (this.app.tenantId && tenant !== this.app.tenantId) return refuse('invalid_request', `AADSTS90002: Tenant '${tenant}' not found.`);
    if (form.get('grant_type') !== 'client_credentials') return refuse('unsupported_grant_type', 'AADSTS70003: The app requested an unsupported grant type.');
    if (this.app.clientId && form.get('client_id') !== this.app.clientId) return refuse('unauthorized_client', 'AADSTS700016: Application not found in the directory.');
    if (this.app.clientSecret && form.get('client_secret') !== this.app.clientSecret) return refuse('invalid_client', 'AADSTS7000215: Invalid client secret provided.', 401);
    if (!(form.get('scope') ?? '').split(' ').some((s) => s.endsWith('/.default'))) return refuse('invalid_scope', 'AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed.');
    const accessToken = randomBytes(24).toString('base64url');
    this.tokens.add(accessToken);
    return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken } };
  }
}

function openIdConfiguration(origin: string, tenant: string) {
  const base = `${origin}/${tenant}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${base}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${origin}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid'],
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: new URL(origin).host,
  };
}
