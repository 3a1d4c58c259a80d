/** A row set as `pg` and PGlite both return it. */
export interface Rows<T> {
  readonly rows: T[];
  readonly rowCount: number;
}

/** One connection's worth of SQL: a transaction, or the database outside one. */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Rows<T>>;
  /** Runs several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/**
 * The one SQL dialect (PostgreSQL) over either engine: `PgliteDb` (embedded, one connection,
 * transactions serialised) or `PgPoolDb` (a PostgreSQL server via `pg`).
 */
export interface Db extends Sql {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
