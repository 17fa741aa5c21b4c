import type { Api } from '../http/api.js';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { Problem } from '../http/problem.js';

export async function healthRoutes(api: Api, { db }: AppDeps) {
  api.get(
    '/health',
    {
      config: { policy: 'public' },
      schema: { tags: ['health'], response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );
  api.get(
    '/ready',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['health'],
        response: { 200: Type.Object({ status: Type.Literal('ready'), database: Type.Literal('ok') }) },
      },
    },
    async () => {
      try {
        await sql`select 1 from schema_migration limit 1`.execute(db);
      } catch {
        throw new Problem('unavailable');
      }
      return { status: 'ready' as const, database: 'ok' as const };
    },
  );
}
