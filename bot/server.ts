import { logSafeError } from '../scheduling/logSafeError.js';
import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import restify, { type Request, type Response } from 'restify';
import { errorCard } from '../cards/errorCard.js';
import type { Desk } from '../scheduling/openDesk.js';
import { couldBeBotFrameworkToken } from './bearerToken.js';
import { cardMessage } from './cardAnswers.js';
import { problemWithActivity } from './incomingActivity.js';
import { StrategyDeskBot } from './StrategyDeskBot.js';

export interface ServerOptions {
  /** 0 picks a free port (tests); read the real one from `url`. */
  readonly port: number;
  /** Interface to listen on; all of them by default. */
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
  /** Stops accepting requests, finishes turns (and card updates) in flight. Does not close the desk. */
  close(): Promise<void>;
}

/** Teams activities are small; a larger body is refused before it is parsed. */
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
 * Starts the bot's HTTP server: `POST /api/messages` (Bot Framework, through a `CloudAdapter`)
 * and `GET /healthz`. With `MicrosoftAppId` configured every activity needs a valid Bot
 * Framework token (401 otherwise); without it the server runs in local mode, for the Agents
 * Playground and tests, and says so in the log.
 * Rule: issue 3 "Server"; STYLE.md "Teams bot samples: thin wiring".
 */
export async function startServer(desk: Desk, options: ServerOptions): Promise<RunningServer> {
  const { bot: credentials } = desk.config;
  const authentication = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: credentials.appId ?? '',
    MicrosoftAppPassword: credentials.appPassword ?? '',
    MicrosoftAppType: credentials.appType,
    MicrosoftAppTenantId: credentials.appTenantId ?? '',
    ...(options.openIdMetadataUrl ? publicCloudWithKeysAt(options.openIdMetadataUrl) : {}),
  });
  const adapter = new CloudAdapter(authentication);
  const appId = credentials.appId ?? '';
  const bot = new StrategyDeskBot(desk, {
    continueConversation: (reference, logic) => adapter.continueConversationAsync(appId, reference, logic),
    slowAnswerMs: options.slowAnswerMs ?? 2000,
  });

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    desk.log.error({ activityId: context.activity.id, type: context.activity.type, err: logSafeError(error) }, 'turn failed');
    if (context.activity.type === 'message') {
      const card = errorCard({ title: 'Something went wrong', lines: [`Please try again. If it keeps failing, give your administrator this reference: ${context.activity.id ?? 'none'}`] });
      await context.sendActivity(cardMessage(card)).catch(() => undefined);
    }
  };

  if (appId) desk.log.info({ appId, appType: credentials.appType }, 'Bot Framework authentication is on: /api/messages needs a valid token');
  else desk.log.warn('Local mode: MicrosoftAppId is not set, so /api/messages accepts requests without a token (Agents Playground and tests only)');

  const server = restify.createServer({ name: 'strategy-desk' });
  const turns = new Set<Promise<void>>();
  let closing = false;

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(closing ? 503 : 200, { status: closing ? 'closing' : 'ok' });
  });

  // jsonBodyParser hands its options to the body reader, which enforces maxBodySize (413);
  // @types/restify does not list that option for it.
  const jsonBody = restify.plugins.jsonBodyParser({ maxBodySize: maxBodyBytes, mapParams: false } as restify.plugins.JsonBodyParserOptions);
  server.post('/api/messages', jsonBody, async (req: Request, res: Response) => {
    if (closing) return void res.send(503, { error: 'shutting down' });
    // Refuse a request without a plausible token before looking at what it says.
    if (appId && !couldBeBotFrameworkToken(req.header('authorization'))) return void res.send(401, { error: 'a Bot Framework token is required' });
    if (typeof req.body !== 'object' || req.body === null) return void res.send(415, { error: 'send the activity as application/json' });
    const problem = problemWithActivity(req.body);
    if (problem) return void res.send(400, { error: `not a valid activity: ${problem}` });
    // The adapter checks the token again; checking here first turns every bad token into a 401
    // (botbuilder lets a bad signature through as a 500).
    if (appId) {
      try {
        await authentication.authenticateRequest(req.body as Activity, req.header('authorization'));
      } catch (error) {
        desk.log.warn({ reason: (error as Error).message }, 'refused an activity with an invalid token');
        return void res.send(401, { error: 'the Bot Framework token is not valid' });
      }
    }
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
    server.listen(options.port, options.host ?? '::', () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const url = `http://127.0.0.1:${address.port}`;

  return {
    url,
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
