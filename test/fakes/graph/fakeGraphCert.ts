import { X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import selfsigned from 'selfsigned';

/** Where the fake Graph keeps its test CA and server certificate (gitignored). */
export const defaultCertDir = fileURLToPath(new URL('../../.certs/', import.meta.url));

export interface FakeGraphCert {
  /** The CA certificate to trust (NODE_EXTRA_CA_CERTS points here). */
  readonly caFile: string;
  readonly cert: string;
  readonly key: string;
}

const day = 86_400_000;

function stillValid(caFile: string, certFile: string): boolean {
  try {
    const soon = Date.now() + day;
    return [caFile, certFile].every((f) => new Date(new X509Certificate(readFileSync(f)).validTo).getTime() > soon);
  } catch {
    return false;
  }
}

/** Writes through a temporary name so a concurrent reader never sees half a file. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, file);
}

/**
 * A test CA and a 127.0.0.1/localhost server certificate it signed, made on first use and reused
 * while valid. A separate CA (rather than one self-signed leaf) is what OpenSSL expects in a trust
 * store, so both node:https and undici (global fetch) accept the fake through NODE_EXTRA_CA_CERTS.
 */
export async function ensureFakeGraphCert(dir = defaultCertDir): Promise<FakeGraphCert> {
  mkdirSync(dir, { recursive: true });
  const caFile = join(dir, 'fake-graph-ca.pem');
  const certFile = join(dir, 'fake-graph-cert.pem');
  const keyFile = join(dir, 'fake-graph-key.pem');
  if (!stillValid(caFile, certFile)) {
    const notBeforeDate = new Date(Date.now() - day);
    const notAfterDate = new Date(Date.now() + 90 * day);
    const ca = await selfsigned.generate([{ name: 'commonName', value: 'Strategy Desk test CA' }], {
      keySize: 2048,
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate,
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    });
    const leaf = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate,
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
      ],
    });
    writeAtomically(keyFile, leaf.private);
    writeAtomically(certFile, leaf.cert);
    writeAtomically(caFile, ca.cert);
  }
  return { caFile, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}
