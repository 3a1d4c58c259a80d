import { logSafeError } from '../scheduling/logSafeError.js';
import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import restify, { type Request, type Response } from 'restify';
import { errorCard } from '../cards/errorCard.js';
import type { Logger } from 'pino';
import type { Desk } from '../scheduling/Desk.js';
import { couldBeBotFrameworkToken } from './bearerToken.js';
import { cardMessage } from './cardAnswers.js';
import { decodeActivityBody, problemWithActivity } from './incomingActivity.js';
import { graphNotificationRoutes } from './graphNotifications.js';
import { readBody } from './readBody.js';
import { isLoopbackHost, isLoopbackHostHeader, isLoopbackUrl } from './loopback.js';
import { listenHost, UnsafeHostError } from './listenHost.js';
import { StrategyDeskBot } from './StrategyDeskBot.js';
import type { ContinueConversation } from './InPlaceAnswers.js';
import { TeamsNotifier } from './TeamsNotifier.js';
import type { Notifier } from '../scheduling/ports/Notifier.js';

/** Where the server may listen (bot/listenHost.ts, which app/main.ts asks before loading the bot). */
export { listenHost, UnsafeHostError } from './listenHost.js';

/** The bot's registration (config `MicrosoftAppId` and friends); no app id = local mode. */
export interface BotCredentials {
  readonly appId?: string;
  readonly appPassword?: string;
  readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  readonly appTenantId?: string;
}

export interface ServerOptions {
  /** The bot's registration (config `MicrosoftAppId` and friends); no app id = local mode. */
  readonly credentials: BotCredentials;
  /** Ids only, never a child's name. */
  readonly log: Logger;
  /** 0 picks a free port (tests); read the real one from `url`. */
  readonly port: number;
  /**
   * Address to listen on (config `HOST`). Default: 127.0.0.1 without MicrosoftAppId, every
   * interface with it. Without MicrosoftAppId only a loopback address is allowed (see `listenHost`).
   */
  readonly host?: string;
  /** How long a card action may run before Teams is answered with a "Booking..." card. */
  readonly slowAnswerMs?: number;
  /**
   * Where Bot Framework publishes the keys that sign channel tokens (OpenID metadata). Defaults
   * to the public cloud's; tests point it at a local key server.
   */
  readonly openIdMetadataUrl?: string;
}

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:3978`; the bot endpoint is `${url}/api/messages`. */
  readonly url: string;
  /** The address and port the server is bound to, as the socket reports them. */
  readonly address: { readonly address: string; readonly port: number };
  /**
   * Reaches people and updates posted cards through this server's Teams adapter: attach it to the
   * desk's notifier (app/LateNotifier.ts), which exists before the server does.
   */
  readonly notifier: Notifier;
  /** Stops accepting requests, finishes turns (and card updates) in flight. Does not close the desk. */
  close(): Promise<void>;
}

/** Teams activities are small; a larger body (after gzip, if sent gzipped) is refused before it is parsed. */
export const maxBodyBytes = 256 * 1024;

/**
 * The public cloud's Bot Framework settings with the channel signing keys somewhere else. Once
 * any setting is given, botbuilder takes every one from configuration, so all are spelled out
 * (values of botframework-connector's AuthenticationConstants).
 */
function publicCloudWithKeysAt(openIdMetadataUrl: string) {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/**
 * Starts the bot's HTTP server: `POST /api/messages` (Bot Framework, through a `CloudAdapter`),
 * `GET /healthz` and the Graph notification endpoints (bot/graphNotifications.ts), and gives the
 * notifier that reaches Teams through the same adapter. With `MicrosoftAppId` configured every activity needs a valid Bot
 * Framework token (401 otherwise); without it the server runs in local mode, for the Agents
 * Playground and tests: loopback only (the address, the Host header and the serviceUrl it answers),
 * and says so in the log. Bodies are read with a size bound and decoded before anything else;
 * a body that is not a well-formed activity gets a 4xx with the reason.
 * Rule: issue 3 "Server"; README "Reliability"; STYLE.md "Teams bot samples: thin wiring".
 * @throws UnsafeHostError when `host` is not loopback and MicrosoftAppId is not set (see `listenHost`).
 */
export async function startServer(desk: Desk, options: ServerOptions): Promise<RunningServer> {
  const { credentials, log } = options;
  const authentication = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: credentials.appId ?? '',
    MicrosoftAppPassword: credentials.appPassword ?? '',
    MicrosoftAppType: credentials.appType,
    MicrosoftAppTenantId: credentials.appTenantId ?? '',
    ...(options.openIdMetadataUrl ? publicCloudWithKeysAt(options.openIdMetadataUrl) : {}),
  });
  const adapter = new CloudAdapter(authentication);
  const appId = credentials.appId ?? '';
  const continueConversation: ContinueConversation = (reference, logic) => adapter.continueConversationAsync(appId, reference, logic);
  const bot = new StrategyDeskBot(desk, { continueConversation, slowAnswerMs: options.slowAnswerMs ?? 2000, log });
  const notifier = new TeamsNotifier({ desk, continueConversation, log });

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ activityId: context.activity.id, type: context.activity.type, err: logSafeError(error) }, 'turn failed');
    if (context.activity.type === 'message') {
      const card = errorCard({ title: 'Something went wrong', lines: [`Please try again. If it keeps failing, give your administrator this reference: ${context.activity.id ?? 'none'}`] });
      await context.sendActivity(cardMessage(card)).catch(() => undefined);
    }
  };

  const host = listenHost({ host: options.host, bot: { appId } });
  if (appId) log.info({ appId, appType: credentials.appType }, 'Bot Framework authentication is on: /api/messages needs a valid token');
  else log.warn({ host }, 'Local mode: MicrosoftAppId is not set, so /api/messages takes requests without a token, from this machine only (Agents Playground and tests)');

  const server = restify.createServer({ name: 'strategy-desk' });
  const turns = new Set<Promise<void>>();
  let closing = false;

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(closing ? 503 : 200, { status: closing ? 'closing' : 'ok' });
  });

  const refuse = (res: Response, status: number, error: string) => {
    // A refused body may not have been read: close the connection rather than read on.
    if (status === 413) res.setHeader('connection', 'close');
    if (status === 415) res.setHeader('accept-encoding', 'gzip');
    res.send(status, { error });
  };

  const track = async (work: Promise<void>) => {
    turns.add(work);
    try {
      await work;
    } finally {
      turns.delete(work);
    }
  };
  graphNotificationRoutes(server, desk, { log, closing: () => closing, refuse, track });

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (closing) return void refuse(res, 503, 'shutting down');
    // Refuse a request without a plausible token before reading what it says.
    if (appId && !couldBeBotFrameworkToken(req.header('authorization'))) return void refuse(res, 401, 'a Bot Framework token is required');
    // Local mode answers this machine only: a web page that rebinds its own name to 127.0.0.1
    // still names itself in Host.
    if (!appId && !isLoopbackHostHeader(req.headers.host)) return void refuse(res, 403, 'local mode takes requests addressed to localhost only');

    const read = await readBody(req, maxBodyBytes);
    if ('status' in read) return void refuse(res, read.status, read.error);
    const decoded = await decodeActivityBody(read.bytes, { contentType: req.headers['content-type'], contentEncoding: req.headers['content-encoding'] }, maxBodyBytes);
    if ('status' in decoded) return void refuse(res, decoded.status, decoded.error);
    const problem = problemWithActivity(decoded.json);
    if (problem) return void refuse(res, 400, `not a valid activity: ${problem}`);
    const activity = decoded.json as Activity;
    // Local mode has no token to say where the activity came from, so it answers only a connector
    // on this machine (the Agents Playground, tests): never a URL a request names elsewhere.
    if (!appId && !isLoopbackUrl(activity.serviceUrl)) return void refuse(res, 403, 'local mode answers only a connector on this machine: serviceUrl must be 127.0.0.0/8, [::1] or localhost');
    // With a token, botframework-connector checks its serviceurl claim equals the activity's
    // serviceUrl (ChannelValidation), so replies go only where the Bot Connector said. Checking here
    // first turns every bad token into a 401 (botbuilder lets a bad signature through as a 500).
    if (appId) {
      try {
        await authentication.authenticateRequest(activity, req.header('authorization'));
      } catch (error) {
        log.warn({ reason: (error as Error).message }, 'refused an activity with an invalid token');
        return void refuse(res, 401, 'the Bot Framework token is not valid');
      }
    }
    req.body = activity;
    const turn = adapter.process(req, res, (context) => bot.run(context));
    turns.add(turn);
    try {
      await turn;
    } finally {
      turns.delete(turn);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  const bound = server.address();
  if (!appId && !isLoopbackHost(bound.address)) {
    // A host name that resolved to another interface: never serve local mode there.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw new UnsafeHostError(`config: HOST=${host} resolved to ${bound.address}, which is not loopback; without MicrosoftAppId the bot listens on loopback only`);
  }
  const reachable = ['0.0.0.0', '::'].includes(bound.address) ? '127.0.0.1' : bound.address.includes(':') ? `[${bound.address}]` : bound.address;
  const url = `http://${reachable}:${bound.port}`;

  return {
    url,
    address: { address: bound.address, port: bound.port },
    notifier,
    close: async () => {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...turns]);
      await bot.idle();
      server.server.closeAllConnections();
      await stopped;
    },
  };
}
