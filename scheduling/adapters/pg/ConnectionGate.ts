/**
 * The one connection of an embedded PGlite, held by one user at a time, in arrival order: a
 * statement or transaction of the bot, or one exchange of a CLI connected over the store socket
 * (held until that client's backend is idle outside a transaction again). So nothing ever runs
 * inside another holder's transaction or between another holder's protocol messages.
 * Rule: PLATFORM.md "PGlite and pg-boss" (one connection: serialise transactions).
 * @example
 * const release = await gate.acquire(); // waits for earlier holders
 * try { await pg.query('begin'); ...; await pg.query('commit'); } finally { release(); }
 * await gate.run(() => pg.query('select 1')); // the same for one piece of work
 */
export class ConnectionGate {
  private tail: Promise<void> = Promise.resolve();

  /**
   * Waits for the connection and resolves with the function that hands it on to the next
   * waiter. Calling that function more than once is harmless.
   */
  acquire(): Promise<() => void> {
    let open!: () => void;
    const released = new Promise<void>((resolve) => (open = resolve));
    const turn = this.tail;
    this.tail = turn.then(() => released);
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      open();
    };
    return turn.then(() => release);
  }

  /** Runs `work` while holding the connection; hands it on when `work` settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}
