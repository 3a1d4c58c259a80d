import pg from 'pg';

/** Runs `work` on an admin connection to the test server `server`, then closes it. */
export async function onServer<T>(server: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** Creates the empty database `name` on `server`; returns its URL. */
export async function createDatabase(server: string, name: string): Promise<string> {
  await onServer(server, (admin) => admin.query(`create database ${name}`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops the database `name` on `server`, ending its connections; nothing if it is gone. */
export async function dropDatabase(server: string, name: string): Promise<void> {
  await onServer(server, (admin) => admin.query(`drop database if exists ${name} with (force)`));
}

/** The databases on `server` whose names start with `prefix`, in order. */
export function databasesNamed(server: string, prefix: string): Promise<string[]> {
  return onServer(server, async (admin) => (await admin.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1) order by 1', [prefix])).rows.map((r) => r.datname));
}

/** The database a URL names. */
export const databaseOf = (url: string): string => new URL(url).pathname.slice(1);
