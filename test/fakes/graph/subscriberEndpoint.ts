import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A bare subscriber for tests of the Graph side alone: answers Graph's validation request as the
 * bot does (200, text/plain, the token as is) - or wrongly, when `echo` is false - and keeps the
 * notification bodies it is sent.
 */
export class SubscriberEndpoint {
  echo = true;
  readonly received: Array<{ path: string; body: unknown }> = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    const server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const token = url.searchParams.get('validationToken');
        if (token !== null) {
          res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
          return void res.end(this.echo ? token : 'not the token');
        }
        const text = Buffer.concat(chunks).toString('utf8');
        this.received.push({ path: url.pathname, body: text ? JSON.parse(text) : undefined });
        res.writeHead(202);
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
