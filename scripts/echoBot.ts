/**
 * The floor `npm run bench` measures Strategy Desk against: a bare botbuilder bot with the same
 * restify server and CloudAdapter set-up (local mode: no app id, no token), which echoes each
 * message. It listens on 127.0.0.1:PORT (0 = any free port) and logs one JSON line with its URL.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import restify, { type Request, type Response } from 'restify';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' }));
const server = restify.createServer({ name: 'echo' });
server.use(restify.plugins.bodyParser());
server.get('/healthz', async (_req: Request, res: Response) => {
  res.send(200, { status: 'ok' });
});
server.post('/api/messages', async (req: Request, res: Response) => {
  await adapter.process(req, res, async (context: TurnContext) => {
    if (context.activity.type === 'message') await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address();
  console.log(JSON.stringify({ msg: 'echo bot is listening', url: `http://127.0.0.1:${port}` }));
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
