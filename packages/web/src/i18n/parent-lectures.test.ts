import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from './parent-lectures.en';
import zhCN from './parent-lectures.zh-CN';

const PAGES = fileURLToPath(new URL('../pages/', import.meta.url));

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('the parent lectures namespace', () => {
  it('has the same keys in zh-CN and en, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    for (const k of keys(zhCN))
      expect(k.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], zhCN)).toBeTruthy();
  });

  it('has every literal tf("…") key the parent school page uses', () => {
    const all = new Set(keys(zhCN));
    const missing: string[] = [];
    for (const name of readdirSync(PAGES).filter((n) => n.startsWith('ParentLectures'))) {
      const text = readFileSync(`${PAGES}${name}`, 'utf8');
      for (const m of text.matchAll(/\btf\(\s*'([a-zA-Z][\w.-]*)'/g))
        if (!all.has(m[1]!)) missing.push(`${name}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });
});
