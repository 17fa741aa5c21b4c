import { describe, expect, it } from 'vitest';
import zhCNFirst from './zh-CN';
import cases from './cases.zh-CN';
import en from './en';
import { NAV_PATHS } from '../lib/nav';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

// All the Chinese strings, the first download's and those a page brings along (i18n/cases.ts).
const zhCN = { ...zhCNFirst, cases };

describe('web i18n resources', () => {
  it('every page in the menu has a name and a home-page description in both languages', () => {
    // The home page builds these keys from the menu; a missing one shows the raw key to the user.
    const pages = Object.keys(NAV_PATHS).filter((k) => k !== 'home');
    for (const res of [zhCN, en] as unknown as Array<{
      nav: Record<string, string>;
      home: { linkDesc: Record<string, string> };
    }>)
      for (const k of pages) {
        expect(res.nav[k], `nav.${k}`).toBeTruthy();
        expect(res.home.linkDesc[k], `home.linkDesc.${k}`).toBeTruthy();
      }
  });

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
