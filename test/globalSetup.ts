import { ensureFakeGraphCert } from './fakes/graph/fakeGraphCert.js';

/**
 * Runs once in vitest's main process before any worker starts. Workers are forked after this, with
 * the main process's environment, so NODE_EXTRA_CA_CERTS set here is read by each worker's Node at
 * start-up: the real Graph client (undici fetch) and the real Azure credential (node:https) then
 * trust the loopback fake Graph. Setting it from inside a worker would be too late.
 */
export default async function setup(): Promise<void> {
  const { caFile } = await ensureFakeGraphCert();
  process.env.NODE_EXTRA_CA_CERTS = caFile;
}
