import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Stands in for Bot Framework's OpenID metadata and signing keys, so tokens can be checked by the
 * real CloudAdapter offline: `sign()` makes a channel token as the Bot Connector would.
 */
export class FakeBotFrameworkKeys {
  private constructor(
    private readonly server: Server,
    readonly metadataUrl: string,
    private readonly privateKey: KeyObject,
    private readonly kid: string,
  ) {}

  static async start(): Promise<FakeBotFrameworkKeys> {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const kid = 'test-key-1';
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid, kty: 'RSA', use: 'sig', endorsements: ['msteams'] };
    let base = '';
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url === '/openid') res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      else res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return new FakeBotFrameworkKeys(server, `${base}/openid`, privateKey, kid);
  }

  /**
   * A channel token for the bot `appId`, valid for an hour, for activities from `serviceUrl`
   * (`undefined`: a token with no serviceurl claim).
   */
  sign(appId: string, serviceUrl: string | undefined, options: { kid?: string; key?: KeyObject } = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const header = b64({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? this.kid });
    const payload = b64({ iss: 'https://api.botframework.com', aud: appId, ...(serviceUrl === undefined ? {} : { serviceurl: serviceUrl }), nbf: now - 60, iat: now - 60, exp: now + 3600 });
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(options.key ?? this.privateKey).toString('base64url');
    return `${header}.${payload}.${signature}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
