import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from './activities.en';
import zhCN from './activities.zh-CN';
import i18n from './index';
import './activities';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const get = (res: object, k: string) =>
  k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown> | undefined)?.[p], res);

// The activities namespace loads with its pages (see activities.ts), outside the checks of the main bundle.
describe('activities i18n namespace', () => {
  it('has the same keys, non-empty values and placeholders in both languages', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    for (const k of keys(zhCN)) {
      const zh = get(zhCN, k) as string;
      expect(zh.trim(), k).not.toBe('');
      expect(placeholders(get(en, k) as string), k).toEqual(placeholders(zh));
    }
  });

  it('holds every literal activities key the pages use', () => {
    const pages = fileURLToPath(new URL('../pages', import.meta.url));
    const missing: string[] = [];
    for (const name of readdirSync(pages).filter((n) => n.includes('Activities'))) {
      const text = readFileSync(join(pages, name), 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'activities:([\w.-]+)'/g))
        if (typeof get(zhCN, m[1]!) !== 'string') missing.push(`${name}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it('is registered for i18next without touching the main bundle', () => {
    expect(i18n.t('activities:kinds.class_meeting')).toBe('主题班会');
    expect(i18n.hasResourceBundle('en', 'translation')).toBe(false);
  });
});
