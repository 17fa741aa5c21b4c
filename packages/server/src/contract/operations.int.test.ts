import { beforeAll, describe, expect, it } from 'vitest';
import type { RegisteredRoute } from '../http/gate.js';
import { describeApi } from './document.js';
import { routeKey } from './describe.js';
import { OPERATIONS, TAGS } from './operations.js';

let document: Record<string, unknown>;
let routes: RegisteredRoute[];
beforeAll(async () => {
  ({ document, routes } = await describeApi());
});

// The docs UI's own routes are hidden from the document they serve.
const apiRoutes = () => routes.filter((r) => !r.url.startsWith('/api/docs')).map((r) => `${r.method} ${r.url}`);

type Operation = { operationId?: string; summary?: string; description?: string; tags?: string[]; security?: unknown };
function operations() {
  const paths = document.paths as Record<string, Record<string, Operation>>;
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ key: routeKey(method, path), operation })),
  );
}

describe('the operation catalogue', () => {
  it('names every registered route, and nothing else', () => {
    const registered = apiRoutes();
    expect(
      registered.filter((key) => !OPERATIONS[key]),
      'routes missing from contract/operations.ts',
    ).toEqual([]);
    expect(
      Object.keys(OPERATIONS).filter((key) => !registered.includes(key)),
      'catalogue entries without a route',
    ).toEqual([]);
  });

  it('gives unique camelCase operationIds, both summaries and a known tag', () => {
    const ids = Object.values(OPERATIONS).map((o) => o.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const [key, op] of Object.entries(OPERATIONS)) {
      expect(op.operationId, key).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(op.summary.en.trim(), key).not.toBe('');
      expect(op.summary.zh, key).toMatch(/[\u4e00-\u9fff]/);
      expect(Object.keys(TAGS), key).toContain(op.tag);
    }
  });

  it('is what the served document says of every operation', () => {
    const seen = operations();
    expect(seen.map((s) => s.key).sort()).toEqual(apiRoutes().sort());
    for (const { key, operation } of seen) {
      const entry = OPERATIONS[key]!;
      expect(operation.operationId, key).toBe(entry.operationId);
      expect(operation.summary, key).toBe(entry.summary.en);
      expect(operation.description, key).toContain(entry.summary.zh);
      expect(operation.tags, key).toEqual([entry.tag]);
      expect(operation.security, key).toBeDefined();
    }
  });

  it('documents problems as problem+json, with the security a route is guarded by', () => {
    const byKey = new Map(operations().map((s) => [s.key, s.operation as Operation & { responses: object }]));
    const login = byKey.get('POST /api/v1/auth/login')!;
    expect(login.security).toEqual([]);
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['400', '401', '429']));
    const transition = byKey.get('POST /api/v1/cases/:id/transition')!;
    expect(transition.security).toEqual([{ session: [], csrf: [] }]);
    expect(Object.keys(transition.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '404', '409']));
    expect(byKey.get('GET /api/v1/cases/:id')!.security).toEqual([{ session: [] }]);
    for (const [key, operation] of byKey) {
      for (const [code, answer] of Object.entries(operation.responses as Record<string, { content?: object }>)) {
        if (Number(code) >= 400)
          expect(Object.keys(answer.content ?? {}), `${key} ${code}`).toEqual(['application/problem+json']);
      }
    }
  });
});
