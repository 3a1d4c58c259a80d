import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import restify, { type Request, type Response } from 'restify';
import { errorCard } from '../cards/errorCard.js';
import type { Desk } from '../scheduling/openDesk.js';
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
  });
  const adapter = new CloudAdapter(authentication);
  const appId = credentials.appId ?? '';
  const bot = new StrategyDeskBot(desk, {
    continueConversation: (reference, logic) => adapter.continueConversationAsync(appId, reference, logic),
    slowAnswerMs: options.slowAnswerMs ?? 2000,
  });

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    desk.log.error({ activityId: context.activity.id, type: context.activity.type, err: { name: error.name, message: error.message } }, 'turn failed');
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
    // Refuse a request without a token before looking at what it says.
    if (appId && !/^Bearer \S+/.test(req.header('authorization') ?? '')) return void res.send(401, { error: 'a Bot Framework token is required' });
    if (typeof req.body !== 'object' || req.body === null) return void res.send(415, { error: 'send the activity as application/json' });
    const problem = problemWithActivity(req.body);
    if (problem) return void res.send(400, { error: `not a valid activity: ${problem}` });
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
