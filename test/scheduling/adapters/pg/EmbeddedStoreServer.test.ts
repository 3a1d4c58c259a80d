import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmbeddedStoreServerOptions } from '../../../../scheduling/adapters/pg/EmbeddedStoreServer.js';
import type { PgliteDb } from '../../../../scheduling/adapters/pg/PgliteDb.js';
import { openTemplateCopy } from '../../../fakes/testDb.js';

let dir: string;
let db: PgliteDb;
const clients: pg.Client[] = [];

/** The bot's side: an embedded store (migrated, as the bot's is) serving its socket in a fresh folder. */
async function serve(options?: EmbeddedStoreServerOptions): Promise<void> {
  db = await openTemplateCopy();
  await db.serve(join(dir, '.s.PGSQL.5432'), options);
  await db.exec('create table marks (who text not null)');
}

/** The CLI's side: a `pg` client on the socket, as the CLI connects. */
async function client(): Promise<pg.Client> {
  const c = new pg.Client({ host: dir, port: 5432, user: 'postgres', database: 'postgres' });
  c.on('error', () => undefined); // a client the server cut off reports it on its next query
  await c.connect();
  clients.push(c);
  return c;
}

async function marks(): Promise<string[]> {
  return (await db.query<{ who: string }>('select who from marks order by who')).rows.map((r) => r.who);
}

/** A PostgreSQL protocol message: type byte, length, body. */
function message(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}
const cstring = (text: string) => Buffer.from(`${text}\0`, 'utf8');
const int16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

/** Reads from a raw socket until the bytes seen so far satisfy `done`. */
function readUntil(socket: Socket, done: (seen: Buffer) => boolean): Promise<Buffer> {
  let seen = Buffer.alloc(0);
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      seen = Buffer.concat([seen, chunk]);
      if (done(seen)) {
        socket.off('data', onData);
        resolve(seen);
      }
    };
    socket.on('data', onData);
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sd-sock-'));
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('EmbeddedStoreServer', () => {
  it('lets a pg client read and write the same store the bot uses', async () => {
    await serve();
    await db.query(`insert into marks values ('bot')`);
    const cli = await client();
    expect((await cli.query('select who from marks')).rows).toEqual([{ who: 'bot' }]);
    await cli.query('insert into marks values ($1)', ['cli']);
    expect(await marks()).toEqual(['bot', 'cli']);
  });

  it("keeps the bot's statements out of a client's open transaction", async () => {
    await serve();
    const cli = await client();
    await cli.query('begin');
    await cli.query(`insert into marks values ('cli')`);
    const bots = db.query(`insert into marks values ('bot')`); // must wait for the client's transaction to end
    await cli.query('rollback');
    await bots;
    expect(await marks()).toEqual(['bot']);
  });

  it("keeps a client's statements out of the bot's transaction", async () => {
    await serve();
    const cli = await client();
    let clientInsert: Promise<unknown> | undefined;
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`insert into marks values ('bot')`);
        clientInsert = cli.query(`insert into marks values ('cli')`);
        // Give the client's statement every chance to arrive while the transaction is open.
        await new Promise((resolve) => setTimeout(resolve, 100));
        throw new Error('the bot changes its mind');
      }),
    ).rejects.toThrow('the bot changes its mind');
    await clientInsert;
    expect(await marks()).toEqual(['cli']);
  });

  it('gives every statement its own answer when the bot and several clients run parameterised queries at once', async () => {
    await serve();
    const cli = await Promise.all([client(), client(), client()]);
    const asked = Array.from({ length: 30 }, (_, i) => i);
    const answers = await Promise.all(
      asked.map(async (i) => {
        const sql = 'select $1::int as n, $2::text as who';
        const who = i % 4 === 3 ? 'bot' : `cli${i % 4}`;
        const rows = who === 'bot' ? (await db.query<{ n: number; who: string }>(sql, [i, who])).rows : (await cli[i % 4]!.query(sql, [i, who])).rows;
        return rows[0];
      }),
    );
    expect(answers).toEqual(asked.map((i) => ({ n: i, who: i % 4 === 3 ? 'bot' : `cli${i % 4}` })));
  });

  it("rolls back a client's transaction when the client disconnects, and the bot carries on", async () => {
    await serve();
    const cli = await client();
    await cli.query('begin');
    await cli.query(`insert into marks values ('cli')`);
    (cli as unknown as { connection: { stream: Socket } }).connection.stream.destroy();
    await db.query(`insert into marks values ('bot')`);
    expect(await marks()).toEqual(['bot']);
  });

  it('rolls back an unfinished Parse/Bind/Execute, never commits it, when the client vanishes before Sync', async () => {
    await serve();
    const raw = connect(join(dir, '.s.PGSQL.5432'));
    await new Promise((resolve) => raw.once('connect', resolve));
    const startup = Buffer.concat([int32(196608), cstring('user'), cstring('postgres'), cstring('database'), cstring('postgres'), Buffer.from([0])]);
    const ready = readUntil(raw, (seen) => seen.includes(Buffer.from([0x5a, 0, 0, 0, 5, 0x49])));
    raw.write(Buffer.concat([int32(startup.length + 4), startup]));
    await ready;
    const executed = readUntil(raw, (seen) => seen.includes(cstring('INSERT 0 1')));
    raw.write(
      Buffer.concat([
        message('P', cstring(''), cstring(`insert into marks values ('half')`), int16(0)),
        message('B', cstring(''), cstring(''), int16(0), int16(0), int16(0)),
        message('E', cstring(''), int32(0)),
      ]),
    );
    await executed; // the insert ran, inside the exchange's implicit transaction
    raw.destroy();
    await db.query(`insert into marks values ('bot')`);
    expect(await marks()).toEqual(['bot']);
  });

  it('cuts off a client that sits silent inside a transaction past the hold limit, rolling it back, and the bot carries on', async () => {
    await serve({ idleHoldLimitMs: 200 });
    const cli = await client();
    await cli.query('begin');
    await cli.query(`insert into marks values ('cli')`);
    await db.query(`insert into marks values ('bot')`); // waits for the limit, then runs
    expect(await marks()).toEqual(['bot']);
    await expect(cli.query('commit')).rejects.toThrow();
  });

  it("lets only the bot's own OS user connect (socket mode 0600)", async () => {
    await serve();
    expect(statSync(join(dir, '.s.PGSQL.5432')).mode & 0o777).toBe(0o600);
  });

  it('disconnects its clients and removes the socket file when the store closes', async () => {
    await serve();
    const cli = await client();
    await cli.query('begin');
    await cli.query(`insert into marks values ('cli')`);
    await db.close();
    expect(existsSync(join(dir, '.s.PGSQL.5432'))).toBe(false);
    await expect(cli.query('commit')).rejects.toThrow();
  });
});
