import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACTIONS, CASE_EVENTS } from '@yuxin/core';
import { describe, expect, it } from 'vitest';
import { complianceLabel } from './labels.js';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return name.endsWith('.ts') && !name.includes('.test.') ? [p] : [];
  });
}

/** Every audit action the server can write: literals, the case commands built from core's lists, refusals. */
function auditActions(): string[] {
  const literal = sources(SRC).flatMap((file) =>
    // `action: 'x.y'`, and sign-in steps that pass their action on as an argument.
    [...readFileSync(file, 'utf8').matchAll(/\baction: '([a-z_]+(?:\.[a-z_]+)+)'|'(auth\.[a-z_.]+)'/g)].map(
      (m) => (m[1] ?? m[2])!,
    ),
  );
  return [
    ...new Set([
      ...literal,
      ...CASE_EVENTS.map((e) => `case.${e}`),
      'case.decide.leader_review',
      'case.decide.closure',
      ...['action', 'conference', 'disclosure', 'note'].map((t) => `case.record.${t}`),
      // A refusal is audited under the policy action it refused.
      ...ACTIONS,
    ]),
  ].sort();
}

describe('audit action names', () => {
  it('names every action the server audits, in both languages', () => {
    const unnamed = auditActions().filter((code) =>
      (['zh-CN', 'en'] as const).some((locale) => complianceLabel('action', code, locale) === code),
    );
    expect(unnamed).toEqual([]);
  });

  it('names every outcome', () => {
    for (const outcome of ['success', 'denied', 'failure'])
      expect(complianceLabel('outcome', outcome, 'zh-CN')).not.toBe(outcome);
  });
});
