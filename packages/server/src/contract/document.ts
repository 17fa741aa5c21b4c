import { randomBytes } from 'node:crypto';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connect.js';
import { migrate } from '../db/migrate.js';
import type { RegisteredRoute } from '../http/gate.js';

/**
 * The OpenAPI document exactly as the server serves it at /api/docs/json, with the routes the app
 * registered, built in-process on a fresh in-memory database with the default configuration: the lint,
 * the web's generated types and the catalogue test all read the document a client would.
 */
export async function describeApi(): Promise<{ document: Record<string, unknown>; routes: RegisteredRoute[] }> {
  const handle = await openDatabase({});
  try {
    // The app's background loops read their tables once it is ready.
    await migrate(handle.db);
    const config = {
      ...loadConfig({}),
      seedDemo: false,
      webDist: '/nonexistent',
      dataKey: randomBytes(32).toString('base64'),
      apiDocsPublic: true,
    };
    const app = await buildApp({ db: handle.db, config }, { logger: false });
    try {
      await app.ready();
      return { document: app.swagger() as unknown as Record<string, unknown>, routes: app.yuxinRoutes };
    } finally {
      await app.close();
    }
  } finally {
    await handle.close();
  }
}

export const openApiDocument = async () => (await describeApi()).document;
