import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable.js';
import { waitForDatabase } from './wait.js';
import type { Kysely } from 'kysely';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('database outage errors', () => {
  it('counts shutdowns, connection exceptions, network errors and cut sockets as an outage', () => {
    for (const code of ['57P01', '57P02', '57P03', '08006', '08001', 'ECONNREFUSED', 'ECONNRESET'])
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Query read timeout'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('outer', { cause: withCode('ECONNREFUSED') }))).toBe(true);
  });

  it('does not count a wrong request or a bug', () => {
    for (const code of ['23505', '40001', '42P01', '28P01', '57014'])
      expect(isDatabaseUnavailable(withCode(code)), code).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});

describe('waiting for the database at start', () => {
  // A stand-in for Kysely: `sql\`select 1\`.execute(db)` calls db.getExecutor(); failing there is enough.
  function flakyDb(failures: Error[]) {
    let calls = 0;
    const db = {
      getExecutor() {
        calls++;
        const err = failures.shift();
        if (err) throw err;
        return {
          transformQuery: (n: unknown) => n,
          compileQuery: (n: unknown) => ({ sql: 'select 1', parameters: [], query: n }),
          executeQuery: async () => ({ rows: [{ '?column?': 1 }] }),
        };
      },
    };
    return { db: db as unknown as Kysely<unknown>, calls: () => calls };
  }

  it('retries an outage with one line per attempt, then goes on', async () => {
    const { db, calls } = flakyDb([withCode('ECONNREFUSED', 'connect ECONNREFUSED'), withCode('57P03', 'starting up')]);
    const lines: string[] = [];
    const slept: number[] = [];
    await waitForDatabase(db, (l) => lines.push(l), { sleep: async (ms) => void slept.push(ms) });
    expect(calls()).toBe(3);
    expect(slept).toEqual([1000, 2000]);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/not reachable \(attempt 1: ECONNREFUSED connect ECONNREFUSED\); retrying in 1 s/);
    expect(lines[2]).toMatch(/reachable after 3 attempts/);
  });

  it('gives up at once on an error waiting does not fix', async () => {
    const { db } = flakyDb([withCode('28P01', 'password authentication failed')]);
    await expect(waitForDatabase(db, () => undefined, { sleep: async () => undefined })).rejects.toThrow(/password/);
  });
});
