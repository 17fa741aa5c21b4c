import { describe, expect, it } from 'vitest';
import { StatementNames } from './prepared-pool.js';

describe('statement names for prepared statements', () => {
  it('gives each statement text one stable name, and different texts different names', () => {
    const names = new StatementNames();
    const a = names.nameOf('select 1 where $1');
    expect(names.nameOf('select 1 where $1')).toBe(a);
    expect(names.nameOf('select 2 where $1')).not.toBe(a);
  });

  it('stops naming new texts at its limit, and keeps the names it gave', () => {
    const names = new StatementNames(3);
    const given = ['a', 'b', 'c'].map((t) => names.nameOf(t));
    expect(given.every((n) => typeof n === 'string')).toBe(true);
    expect(names.nameOf('d')).toBeUndefined();
    expect(names.size).toBe(3);
    expect(['a', 'b', 'c'].map((t) => names.nameOf(t))).toEqual(given);
  });
});
