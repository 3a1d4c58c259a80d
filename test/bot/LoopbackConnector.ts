import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the connector. */
export interface ConnectorCall {
  readonly method: string;
  readonly path: string;
  readonly conversationId: string;
  /** The activity id in the path: the one replied to (POST) or updated (PUT). */
  readonly activityId?: string;
  readonly body: Record<string, any>;
  /** The id the connector gave the posted activity (the card's message id for later invokes). */
  readonly id: string;
}

export interface TeamsMember {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly userPrincipalName?: string;
  readonly aadObjectId?: string;
}

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;
const MEMBER = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/;

async function bodyOf(req: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, any>) : {};
}

/**
 * A small HTTP server standing in for the Teams connector at an activity's `serviceUrl`: it
 * records the activities the bot sends (POST) and updates (PUT), and answers member look-ups.
 */
export class LoopbackConnector {
  readonly calls: ConnectorCall[] = [];
  private readonly members = new Map<string, TeamsMember>();
  private waiters: Array<() => void> = [];
  private sent = 0;

  private constructor(private readonly server: Server, readonly url: string) {}

  /** Listens on `host` (loopback by default; '0.0.0.0' for every IPv4 interface). */
  static async start(host = '127.0.0.1'): Promise<LoopbackConnector> {
    let connector: LoopbackConnector | undefined;
    const server = createServer((req, res) => {
      void connector!.handle(req).then(
        ({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    const reachableAt = host === '0.0.0.0' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    connector = new LoopbackConnector(server, `http://${reachableAt}:${(server.address() as AddressInfo).port}/`);
    return connector;
  }

  /** Makes `GET .../members/{id}` answer with this profile (else 404, as for a guest). */
  addMember(member: TeamsMember): void {
    this.members.set(member.id, member);
  }

  /** Activities the bot posted (new messages and replies). */
  posted(): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST');
  }

  /** Updates the bot made to existing activities. */
  updates(): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'PUT');
  }

  /** Resolves with the first call that matches, waiting for it if it has not come yet. */
  async waitFor(match: (call: ConnectorCall) => boolean): Promise<ConnectorCall> {
    for (;;) {
      const found = this.calls.find(match);
      if (found) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    // Matched before decoding, so an id holding an encoded '/' stays one path segment.
    const rawPath = (req.url ?? '').split('?')[0] ?? '';
    const path = decodeURIComponent(rawPath);
    const member = MEMBER.exec(rawPath);
    if (req.method === 'GET' && member) {
      const found = this.members.get(decodeURIComponent(member[2]!));
      return found ? { status: 200, body: found } : { status: 404, body: { error: { code: 'MemberNotFoundInConversation' } } };
    }
    const activities = ACTIVITIES.exec(rawPath);
    if (!activities || (req.method !== 'POST' && req.method !== 'PUT')) return { status: 404, body: {} };
    const body = await bodyOf(req);
    const conversationId = decodeURIComponent(activities[1]!);
    const activityId = activities[2] === undefined ? undefined : decodeURIComponent(activities[2]);
    const id = req.method === 'PUT' ? activityId! : `sent-${++this.sent}`;
    this.calls.push({ method: req.method, path, conversationId, ...(activityId !== undefined ? { activityId } : {}), body, id });
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
    return { status: 200, body: { id } };
  }
}

/** The Adaptive Card an activity carries, if any. */
export function cardIn(activity: Record<string, any> | undefined): Record<string, any> | undefined {
  return activity?.attachments?.find((a: { contentType?: string }) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}
