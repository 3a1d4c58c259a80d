import type { Request } from 'restify';

/** Reads a request's body, at most `limit` bytes: the bytes, or 413 when there are more. */
export function readBody(req: Request, limit: number): Promise<{ bytes: Buffer } | { status: 400 | 413; error: string }> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ status: 413, error: `the body is over ${limit} bytes` });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve({ status: 413, error: `the body is over ${limit} bytes` });
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve({ bytes: Buffer.concat(chunks) }));
    req.once('error', () => resolve({ status: 400, error: 'the body could not be read' }));
    req.once('aborted', () => resolve({ status: 400, error: 'the body could not be read' }));
  });
}
