import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { batchedLookup } from './batched-lookup.js';
import type { Database } from './types.js';

const db = {} as Kysely<Database>;

function recording() {
  const calls: string[][] = [];
  const finder = batchedLookup(async (_db, keys: readonly string[]) => {
    calls.push([...keys]);
    // Found: every key but "missing", returned out of order as a database may.
    return keys
      .map((key, i) => ({ turn: String(i + 1), key }))
      .filter((r) => r.key !== 'missing')
      .reverse();
  });
  return { calls, finder };
}

describe('batchedLookup', () => {
  it('answers the reads of one turn with one read, each with its own row, by its place', async () => {
    const { calls, finder } = recording();
    const found = await Promise.all(['a', 'missing', 'b', 'a'].map((k) => finder(db).load(k)));
    expect(calls).toEqual([['a', 'missing', 'b', 'a']]);
    expect(found.map((r) => r?.key)).toEqual(['a', undefined, 'b', 'a']);
  });

  it('keeps nothing: the same key read again is read again', async () => {
    const { calls, finder } = recording();
    await finder(db).load('a');
    await finder(db).load('a');
    expect(calls).toEqual([['a'], ['a']]);
  });

  it('splits more reads than one statement takes, and keeps one loader per database handle', async () => {
    const { calls, finder } = recording();
    const keys = Array.from({ length: 300 }, (_, i) => `k${i}`);
    const found = await Promise.all(keys.map((k) => finder(db).load(k)));
    expect(calls.map((c) => c.length)).toEqual([128, 128, 44]);
    expect(found.map((r) => r?.key)).toEqual(keys);
    expect(finder(db)).toBe(finder(db));
    expect(finder({} as Kysely<Database>)).not.toBe(finder(db));
  });

  it('fails every read of a statement that fails', async () => {
    const finder = batchedLookup<string, { turn: number }>(() => Promise.reject(new Error('connection lost')));
    const reads = ['a', 'b'].map((k) => finder(db).load(k));
    for (const r of reads) await expect(r).rejects.toThrow('connection lost');
  });
});
