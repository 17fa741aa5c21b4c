import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SHEET_IMPORT_TEXTS } from '../components/sheet-import-texts';
import en from './citysetup.en';
import zhCN from './citysetup.zh-CN';

const SRC = fileURLToPath(new URL('../', import.meta.url));
/** The pages and cards that speak through `tcs`. */
const CITY_SETUP_FILES = [
  'pages/OrgImportCard.tsx',
  'pages/StaffRegistryImportCard.tsx',
  'pages/PeerSupportersCard.tsx',
  'pages/SettingsPage.tsx',
  'components/OrgUnitModal.tsx',
  'components/cases/CaseForms.tsx',
];

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('the citysetup namespace', () => {
  it('has the same keys in zh-CN and en, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    for (const k of keys(zhCN))
      expect(k.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], zhCN)).toBeTruthy();
  });

  it('has every literal tcs("…") key the citysetup pages use', () => {
    const all = new Set(keys(zhCN));
    const missing: string[] = [];
    for (const name of CITY_SETUP_FILES.filter((n) => existsSync(`${SRC}${n}`))) {
      const text = readFileSync(`${SRC}${name}`, 'utf8');
      for (const m of text.matchAll(/\btcs\(\s*'([a-zA-Z][\w.-]*)'/g))
        if (!all.has(m[1]!)) missing.push(`${name}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it('has every string of the shared sheet import card under each card that uses it', () => {
    for (const card of ['orgImport', 'registryImport'] as const)
      for (const key of SHEET_IMPORT_TEXTS) {
        expect(zhCN[card], `${card}.${key}`).toHaveProperty(key);
        expect(en[card], `${card}.${key}`).toHaveProperty(key);
      }
  });
});
