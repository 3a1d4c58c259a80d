import { describe, expect, it } from 'vitest';
import { openGraphDesk } from './graphDesk.js';

// The suite's workers run many files each (isolate: false), so a helper module is evaluated once
// per worker: a hook it registered at its top level would belong to the first file that imported
// it, and every later file's desks would stay open (their stores never back in the pool, their
// fake Graph servers listening). The cleanup must belong to the test that opened the desk.
let previous: Awaited<ReturnType<typeof openGraphDesk>> | undefined;

describe('openGraphDesk', () => {
  it('opens a desk on the fake Graph', async () => {
    previous = await openGraphDesk();
    expect((await previous.desk.db.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
    expect((await fetch(`${previous.fake.url}/v1.0/$metadata`).catch((error: unknown) => error)) instanceof Error).toBe(false);
  });

  it('closed the desk and the fake Graph when the test that opened them finished', async () => {
    await expect(previous!.desk.db.query('select 1')).rejects.toThrow(/closed/);
    await expect(fetch(`${previous!.fake.url}/v1.0/$metadata`)).rejects.toThrow();
  });
});
