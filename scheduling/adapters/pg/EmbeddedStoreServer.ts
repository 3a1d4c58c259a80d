import { chmodSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import type { ConnectionGate } from './ConnectionGate.js';

export interface EmbeddedStoreServerOptions {
  /** Clients connected at once (each CLI command uses one). */
  readonly maxClients?: number;
  /**
   * How long a client may hold the store without sending anything while it is inside a
   * transaction or an unfinished exchange: then it is disconnected and its work rolled back, so
   * a stopped or hung CLI cannot stall the bot.
   */
  readonly idleHoldLimitMs?: number;
}

/** One connected client: its messages run in order, each waiting for the store's one connection. */
interface Session {
  readonly handler: PGLiteSocketHandler;
  /** The client's messages so far, in order; each new one runs after the last. */
  queue: Promise<void>;
  /** Set while the client holds the connection (mid-exchange or in a transaction). */
  release?: () => void;
  idleTimer?: NodeJS.Timeout;
  closed: boolean;
}

const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I': the backend is outside any transaction

/**
 * Whether a response ends with ReadyForQuery "idle": the backend finished the client's exchange
 * (Sync or simple Query) and no transaction is open, so another holder may use the connection.
 * Any other response (Parse, Bind, Execute before their Sync; 'T' or 'E' in a transaction)
 * keeps the connection with the client.
 * Rule: PostgreSQL protocol, "Message Flow": ReadyForQuery ends every cycle and carries the
 * transaction status.
 */
function endsIdle(tail: Uint8Array, length: number): boolean {
  return length >= 6 && tail[0] === READY_FOR_QUERY && tail[1] === 0 && tail[2] === 0 && tail[3] === 0 && tail[4] === 5 && tail[5] === IDLE;
}

/** A simple Query message ('Q') with `sql`. */
function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const message = Buffer.alloc(5 + text.length);
  message.write('Q', 0, 'latin1');
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}

/** A Sync message ('S'): ends an extended-protocol exchange and any skip-to-Sync after an error. */
const sync = Uint8Array.from([0x53, 0, 0, 0, 4]);

/**
 * Serves the bot's embedded PGlite to other processes (the CLI) over a unix socket, speaking the
 * PostgreSQL protocol, so every process writes through the bot's one PGlite instance.
 *
 * `@electric-sql/pglite-socket`'s handler frames the protocol; the queue is ours. The package's
 * own queue serialises only socket clients among themselves: the bot's in-process statements
 * could land inside a client's transaction (or between its Parse and Sync) and a client's inside
 * the bot's, and one failed message stops its queue for good. Here every client message waits
 * for the same `ConnectionGate` as the bot's own statements and transactions, and the client
 * keeps the gate until its backend reports ReadyForQuery idle. A client that disconnects (or
 * stays silent past `idleHoldLimitMs`) while holding it is rolled back and the gate handed on.
 * Rule: PLATFORM.md "PGlite and pg-boss"; issue "Close the holes found in review", item 8.
 * @example
 * const server = await EmbeddedStoreServer.start(pg, gate, '/srv/desk/data/.s.PGSQL.5432');
 * // elsewhere: new pg.Pool({ host: '/srv/desk/data', user: 'postgres', database: 'postgres' })
 * await server.stop(); // disconnects clients, rolls back what they left open, removes the socket
 */
export class EmbeddedStoreServer {
  private readonly sessions = new Map<number, Session>();
  private readonly sockets = new Set<Socket>();
  private stopping = false;

  private constructor(
    private readonly pg: PGlite,
    private readonly gate: ConnectionGate,
    private readonly server: Server,
    private readonly options: Required<EmbeddedStoreServerOptions>,
  ) {}

  /** Listens on `socketPath` (which must not exist); resolves once clients can connect. */
  static async start(pg: PGlite, gate: ConnectionGate, socketPath: string, options: EmbeddedStoreServerOptions = {}): Promise<EmbeddedStoreServer> {
    const server = createServer();
    const store = new EmbeddedStoreServer(pg, gate, server, { maxClients: options.maxClients ?? 8, idleHoldLimitMs: options.idleHoldLimitMs ?? 10_000 });
    server.on('connection', (socket) => store.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
    // The socket gives the whole store (children's records) to whoever connects: only the bot's
    // own OS user may, as only it may read DATA_DIR's files.
    chmodSync(socketPath, 0o600);
    // A failing client socket must not bring the bot down; the handler cleans the session up.
    server.on('error', () => undefined);
    return store;
  }

  /** Stops accepting clients, disconnects those connected (rolling back what they left open) and removes the socket file. */
  async stop(): Promise<void> {
    this.stopping = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.all([...this.sessions.values()].map((session) => session.handler.detach(true)));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private accept(socket: Socket): void {
    if (this.stopping || this.sessions.size >= this.options.maxClients) {
      socket.destroy();
      return;
    }
    const handler = new PGLiteSocketHandler({
      // The handler only calls enqueue, clearQueueForHandler and clearTransactionIfNeeded; the
      // package does not export its queue's type, so ours stands in for it.
      queryQueue: this.queue as unknown as PGLiteSocketHandlerOptions['queryQueue'],
      closeOnDetach: true,
    });
    this.sessions.set(handler.handlerId, { handler, queue: Promise.resolve(), closed: false });
    // The handler reports errors and closes as events and detaches itself; nothing else to do.
    handler.addEventListener('error', () => undefined);
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    void handler.attach(socket);
  }

  /** What the socket handler calls: the gated queue. */
  private readonly queue = {
    enqueue: (handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> => {
      const session = this.sessions.get(handlerId);
      if (!session || session.closed) return Promise.reject(new Error('Handler disconnected'));
      const result = session.queue.then(() => this.execute(session, message, onData));
      session.queue = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
    clearQueueForHandler: (handlerId: number): void => {
      const session = this.sessions.get(handlerId);
      if (session) session.closed = true;
    },
    clearTransactionIfNeeded: async (handlerId: number): Promise<void> => {
      const session = this.sessions.get(handlerId);
      if (!session) return;
      session.closed = true;
      this.sessions.delete(handlerId);
      // After whatever of the client's is running now: roll back what it left open, hand the gate on.
      session.queue = session.queue.then(() => this.abandon(session));
      await session.queue;
    },
  };

  /** Runs one client message on the store, holding the gate from the client's first message of an exchange to its idle ReadyForQuery. */
  private async execute(session: Session, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    if (session.closed) throw new Error('Handler disconnected');
    if (!session.release) {
      const release = await this.gate.acquire();
      if (session.closed) {
        release();
        throw new Error('Handler disconnected');
      }
      session.release = release;
    }
    clearTimeout(session.idleTimer);
    const tail = new Uint8Array(6);
    let length = 0;
    try {
      await this.pg.runExclusive(() =>
        this.pg.execProtocolRawStream(message, {
          onRawData: (data) => {
            for (const byte of data.subarray(Math.max(0, data.length - 6))) {
              tail.copyWithin(0, 1);
              tail[5] = byte;
            }
            length += data.length;
            onData(data);
          },
        }),
      );
    } catch (error) {
      // PGlite itself failed (SQL errors reach the client as ErrorResponse, not here).
      await this.abandon(session);
      throw error;
    }
    if (endsIdle(tail, length)) {
      session.release();
      delete session.release;
    } else {
      session.idleTimer = setTimeout(() => void session.handler.detach(true), this.options.idleHoldLimitMs).unref();
    }
    return length;
  }

  /**
   * Ends a client's hold on the connection as PostgreSQL does when a client disconnects: the open
   * transaction (explicit, or the implicit one of an unfinished Parse/Bind/Execute) is rolled
   * back, never committed, and the gate handed on.
   */
  private async abandon(session: Session): Promise<void> {
    clearTimeout(session.idleTimer);
    const release = session.release;
    if (!release) return;
    delete session.release;
    try {
      await this.pg.runExclusive(async () => {
        const discard = { onRawData: () => undefined };
        // ROLLBACK first: a Sync would commit an unfinished implicit transaction. After an error
        // the backend skips everything up to a Sync, so the Sync follows, then ROLLBACK once more
        // for an explicit transaction that was already failed.
        await this.pg.execProtocolRawStream(simpleQuery('ROLLBACK'), discard);
        await this.pg.execProtocolRawStream(sync, discard);
        if (this.pg.isInTransaction()) await this.pg.execProtocolRawStream(simpleQuery('ROLLBACK'), discard);
      });
    } finally {
      release();
    }
  }
}
