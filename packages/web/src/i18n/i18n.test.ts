import { describe, expect, it } from 'vitest';
import zhCN from './zh-CN';
import en from './en';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('web i18n resources', () => {
  it('zh-CN and en have identical keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('no value is empty', () => {
    for (const res of [zhCN, en]) {
      const flat = keys(res);
      for (const k of flat) {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], res);
        expect(typeof v === 'string' && v.trim().length > 0, k).toBe(true);
      }
    }
  });

  it('interpolation placeholders match between languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const k of keys(zhCN)) {
      const get = (res: object) =>
        k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], res) as string;
      expect(placeholders(get(en)), k).toEqual(placeholders(get(zhCN)));
    }
  });
});
