import type { Api } from '../http/api.js';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { Problem } from '../http/problem.js';
import { DATABASE_RETRY_AFTER_SECONDS } from '../db/unavailable.js';

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
        // Not ready while the database is away; liveness (/health) stays up, so an orchestrator stops
        // routing here instead of restarting a process that recovers by itself.
        throw new Problem('unavailable', { headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) } });
      }
      return { status: 'ready' as const, database: 'ok' as const };
    },
  );
}
