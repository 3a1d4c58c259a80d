/**
 * Runs the fake Graph on its own, for tests and scripts that start it in a child process:
 *
 *   npx tsx test/fakes/graph/serve.ts [--page-size N] [--throttle 0.3] [--latency-ms N]
 *       [--retry-after S] [--lost-responses F] [--mailbox-concurrency N] [--seed N]
 *
 * Prints one JSON line, then serves until killed:
 *   {"url":"https://127.0.0.1:PORT","graphBaseUrl":"https://127.0.0.1:PORT/v1.0",
 *    "authorityHost":"https://127.0.0.1:PORT","caFile":".../test/.certs/fake-graph-ca.pem"}
 * Clients trust it with NODE_EXTRA_CA_CERTS=<caFile> (read at process start) and point
 * GRAPH_BASE_URL and AZURE_AUTHORITY_HOST at it; any tenant, client id and secret are accepted.
 * Drive it with `FakeGraphRemote` or the `/_fake/...` endpoints listed in fakeGraphAdmin.ts.
 */
import { parseArgs } from 'node:util';
import { FakeGraph } from './FakeGraph.js';

const { values } = parseArgs({
  options: {
    'page-size': { type: 'string' },
    throttle: { type: 'string' },
    'latency-ms': { type: 'string' },
    'retry-after': { type: 'string' },
    'lost-responses': { type: 'string' },
    'mailbox-concurrency': { type: 'string' },
    seed: { type: 'string' },
  },
});

const number = (name: keyof typeof values): number | undefined => {
  const v = values[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, not "${v}"`);
  return n;
};

const settings = Object.fromEntries(
  Object.entries({
    pageSize: number('page-size'),
    throttleRate: number('throttle'),
    latencyMs: number('latency-ms'),
    retryAfterSeconds: number('retry-after'),
    lostResponseRate: number('lost-responses'),
    mailboxConcurrency: number('mailbox-concurrency'),
  }).filter(([, v]) => v !== undefined),
);

const fake = await new FakeGraph({ settings, seed: number('seed') ?? 1 }).start();
process.stdout.write(`${JSON.stringify({ url: fake.url, graphBaseUrl: fake.graphBaseUrl, authorityHost: fake.authorityHost, caFile: fake.caFile })}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void fake.close().then(() => process.exit(0)));
