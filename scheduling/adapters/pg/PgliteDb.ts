import { lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { parse, PGlite, protocol, type Results } from '@electric-sql/pglite';
import { DeskError } from '../../services/errors.js';
import { ConnectionGate } from './ConnectionGate.js';
import { DataDirLock } from './DataDirLock.js';
import type { Db, Rows, Sql } from './Db.js';
import { EmbeddedStoreServer, type EmbeddedStoreServerOptions } from './EmbeddedStoreServer.js';

/** Longest unix socket path the kernel takes (sun_path is 108 bytes with its final NUL); Node silently cuts longer ones. */
export const maxSocketPathBytes = 107;

/** The store socket's path cannot be served (too long for a unix socket, or not a socket); nothing was served. */
export class StoreSocketError extends DeskError {
  readonly code = 'store.socket';
  constructor(message: string) {
    super(message);
    this.name = 'StoreSocketError';
  }
}

/**
 * PostgreSQL settings for the embedded store, given at start-up. PostgreSQL's defaults are sized for
 * a server (shared_buffers 128 MB): in PGlite those buffers live in the WebAssembly heap, which
 * grows to hold them (to about 190 MB here) and never shrinks. A desk's database is a few MB, so
 * 16 MB of buffers holds all of it and the heap stays at its 128 MB floor (`initialMemory`'s
 * default). Memory for sorts and maintenance (index builds, vacuum) is bounded to match.
 * Measured: README "Lean and fast".
 */
export const embeddedSettings: readonly string[] = ['shared_buffers=16MB', 'maintenance_work_mem=16MB', 'temp_buffers=2MB', 'work_mem=2MB'];

/** PGlite's own start parameters plus `embeddedSettings`. */
function startParams(): string[] {
  return [...PGlite.defaultStartParams, ...embeddedSettings.flatMap((setting) => ['-c', setting])];
}

/**
 * The embedded store: PGlite (PostgreSQL in WebAssembly) in a data directory, or in memory.
 * PGlite is a single connection, so every statement and transaction is serialised here (and,
 * when `serve` runs, with the socket clients' exchanges): a statement never runs inside
 * another caller's transaction. A data directory is opened under its `DataDirLock`.
 */
export class PgliteDb implements Db {
  private readonly gate = new ConnectionGate();
  private server: EmbeddedStoreServer | undefined;
  private closed = false;

  private constructor(private readonly pg: PGlite, private readonly lock?: DataDirLock) {}

  /**
   * `dataDir` undefined = in memory (tests). A data directory is locked first: while another
   * live process has it open this throws `DataDirInUseError` (ending with `inUseAdvice`) and
   * opens nothing. `loadDataDir` starts an in-memory store from a `dumpDataDir()` tarball
   * instead of an empty cluster (tests reuse one migrated template).
   */
  static async open(dataDir?: string, options: { readonly inUseAdvice?: string; readonly loadDataDir?: Blob } = {}): Promise<PgliteDb> {
    if (!dataDir) {
      const pg = new PGlite({ startParams: startParams(), ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
      await pg.waitReady;
      return new PgliteDb(pg);
    }
    mkdirSync(dataDir, { recursive: true });
    const lock = await DataDirLock.take(dataDir, options.inUseAdvice);
    try {
      const pg = new PGlite(dataDir, { startParams: startParams() });
      await pg.waitReady;
      return new PgliteDb(pg, lock);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  /**
   * Serves this store on a unix socket at `socketPath` (PostgreSQL protocol, for the CLI) until
   * `close`. Only the lock holder calls this, so a socket file already there was left by a
   * process that died: it is removed first.
   */
  async serve(socketPath: string, options?: EmbeddedStoreServerOptions): Promise<void> {
    assertSocketPathFits(socketPath);
    removeStaleSocket(socketPath);
    this.server = await EmbeddedStoreServer.start(this.pg, this.gate, socketPath, options);
  }

  query<T = Record<string, unknown>>(text: string, params: readonly unknown[] = []): Promise<Rows<T>> {
    return this.gate.run(() => this.raw.query<T>(text, params));
  }

  exec(script: string): Promise<void> {
    return this.gate.run(() => this.raw.exec(script));
  }

  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    return this.gate.run(async () => {
      await this.pg.query('begin');
      try {
        const result = await work(this.raw);
        await this.pg.query('commit');
        return result;
      } catch (error) {
        await this.pg.query('rollback');
        throw error;
      }
    });
  }

  /** Stops serving (socket clients are disconnected, their open work rolled back), closes PGlite, then releases the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.server?.stop();
      await this.gate.run(() => this.pg.close());
    } finally {
      this.lock?.release();
    }
  }

  /** The connection itself, for use while the gate is held. */
  private readonly raw: Sql = {
    query: async <T>(text: string, params: readonly unknown[] = []): Promise<Rows<T>> => {
      const result = params.some(needsItsType) ? await this.pg.query<T>(text, params as unknown[]) : await this.inOneExchange<T>(text, params);
      return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
    },
    exec: async (script: string) => {
      await this.pg.exec(script);
    },
  };

  /**
   * Runs one statement as node-postgres sends one: Parse, Bind, Describe, Execute and Sync together,
   * in one exchange with PostgreSQL. PGlite's own `query` makes five (it first asks PostgreSQL for
   * the parameters' types, to choose how to write each value), and that round trip through the
   * WebAssembly cost about as much as running the statement: a simple indexed select, warm, takes
   * about 160 µs of CPU this way against 270 µs (README, development). Values are written as
   * `textValue` says; the rows are read with PGlite's own parsers; errors are PGlite's
   * `DatabaseError` as before.
   */
  private async inOneExchange<T>(text: string, params: readonly unknown[]): Promise<Results<T>> {
    const { serialize } = protocol;
    const message = Buffer.concat([serialize.parse({ text }), serialize.bind({ values: params.map(textValue) }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]);
    const { messages } = await this.pg.execProtocol(message);
    return parse.parseResults(messages, this.pg.parsers)[0] as Results<T>;
  }
}

/**
 * A parameter whose text depends on its column's type: an array is a PostgreSQL array for an
 * array column and JSON for a json one. A statement with one goes through PGlite's own `query`,
 * which asks PostgreSQL for the types first.
 */
const needsItsType = (value: unknown): boolean => Array.isArray(value);

/**
 * A parameter as text, as PGlite's typed serializers write it for every column type the stores
 * use, without asking for the type: a date as its ISO instant (timestamptz, date, text), bytes as
 * `\x` hex (bytea), an object as JSON (json, jsonb), a boolean as `true`/`false` (bool, and text as
 * PGlite wrote it), anything else as its string. node-postgres sends the server the same values
 * (a date with the process's UTC offset: the same instant; bytes in binary).
 */
export function textValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * Throws `StoreSocketError` when a store socket cannot go at `socketPath`: the path is too long for
 * a unix socket (Node would silently cut it), or something that is not a socket is in its place.
 * `serve` asks again; `openDb` asks first, so a bot refuses before it opens the store.
 */
export function assertSocketPathFits(socketPath: string): void {
  const bytes = Buffer.byteLength(socketPath);
  if (bytes > maxSocketPathBytes) {
    throw new StoreSocketError(`DATA_DIR is too deep for its store socket: ${socketPath} is ${bytes} bytes, a unix socket path takes at most ${maxSocketPathBytes}; choose a shorter DATA_DIR`);
  }
  if (socketInPlace(socketPath) === 'not a socket') throw new StoreSocketError(`${socketPath} is in the way of the store socket and is not a socket; move it away`);
}

/** What is at `socketPath`: nothing, a socket, or something else (which is never removed). */
function socketInPlace(socketPath: string): 'nothing' | 'socket' | 'not a socket' {
  try {
    return lstatSync(socketPath).isSocket() ? 'socket' : 'not a socket';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'nothing';
    throw error;
  }
}

/** Removes a socket file a dead server left behind (`assertSocketPathFits` has refused anything else). */
function removeStaleSocket(socketPath: string): void {
  if (socketInPlace(socketPath) === 'socket') unlinkSync(socketPath);
}
