import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';
import type { Desk } from '../scheduling/Desk.js';
import type { NotificationReceipt } from '../scheduling/model/CalendarSubscription.js';
import { logSafeError } from '../scheduling/logSafeError.js';
import { DeskError } from '../scheduling/services/errors.js';
import { graphLifecyclePath, graphNotificationsPath } from './graphNotificationPaths.js';
import { readBody } from './readBody.js';

/**
 * Graph batches notifications; a batch of a few hundred fits easily. A larger body is refused
 * before it is parsed.
 */
export const maxNotificationBytes = 1024 * 1024;

/** How many ignored items of one batch are logged (with the count of all). */
const loggedIgnored = 20;

export interface GraphNotificationRouteOptions {
  /** Ids only: never a notification's clientState. */
  readonly log: Logger;
  readonly closing: () => boolean;
  /** Answers a refused request (status and reason). */
  readonly refuse: (res: Response, status: number, error: string) => void;
  /** Runs the work as one the server waits for when it closes. */
  readonly track: (work: Promise<void>) => Promise<void>;
}

/** Graph's validation request: `?validationToken=...` on a POST to either URL. */
function validationToken(req: Request): string | undefined {
  return new URL(req.url ?? '/', 'http://localhost').searchParams.get('validationToken') ?? undefined;
}

/**
 * The two endpoints Microsoft Graph posts to for the shared calendar's subscription (thin: the
 * desk checks and acts):
 * - a validation request (`?validationToken=`) is answered at once, 200 text/plain, the token as is;
 * - a batch is read (bounded), handed to the desk, and answered 202; items the desk ignored (a
 *   wrong clientState, an unknown subscription) are logged by id and reason, never the secret.
 * No Bot Framework token here and no loopback rule: Graph calls from the internet, and the
 * clientState each item carries is what proves it.
 */
export function graphNotificationRoutes(server: Server, desk: Desk, options: GraphNotificationRouteOptions): void {
  const { log, refuse } = options;
  const route = (path: string, kind: 'changes' | 'lifecycle', receive: (body: unknown) => Promise<NotificationReceipt>) =>
    server.post(path, async (req: Request, res: Response) => {
      if (options.closing()) return void refuse(res, 503, 'shutting down');
      const token = validationToken(req);
      if (token !== undefined) {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
        return void res.end(token);
      }
      const encoding = req.headers['content-encoding'];
      if (encoding && encoding !== 'identity') return void refuse(res, 415, 'send notifications without content-encoding');
      const read = await readBody(req, maxNotificationBytes);
      if ('status' in read) return void refuse(res, read.status, read.error);
      let body: unknown;
      try {
        body = JSON.parse(read.bytes.toString('utf8'));
      } catch {
        return void refuse(res, 400, 'the body is not JSON');
      }
      await options.track(
        (async () => {
          try {
            const receipt = await receive(body);
            // Ids and reasons only, the first few (a junk batch must not flood the log).
            const ignored = receipt.ignored.slice(0, loggedIgnored).map((i) => ({ ...i, ...(i.subscriptionId ? { subscriptionId: i.subscriptionId.slice(0, 80) } : {}) }));
            if (ignored.length > 0) log.warn({ kind, accepted: receipt.accepted, ignoredCount: receipt.ignored.length, ignored }, 'ignored Graph notifications (wrong clientState, unknown subscription or unreadable)');
            else log.debug({ kind, accepted: receipt.accepted }, 'Graph notifications accepted');
            res.send(202);
          } catch (error) {
            if (error instanceof DeskError) return void refuse(res, 400, error.message);
            // Graph sends the batch again later when it hears a 5xx.
            log.error({ kind, err: logSafeError(error) }, 'Graph notifications could not be handled');
            refuse(res, 500, 'the notifications could not be handled; send them again');
          }
        })(),
      );
    });
  route(graphNotificationsPath, 'changes', (body) => desk.receiveCalendarChanges(body));
  route(graphLifecyclePath, 'lifecycle', (body) => desk.receiveCalendarLifecycle(body));
}
