import type { FastifyInstance } from 'fastify';

/**
 * Stops taking requests and waits for those in flight, but not for ever: after boundMs every connection
 * still open (a client that never finishes its request, a stuck download) is closed, so a restart or a
 * deploy is never held up by a handful of sockets. Resolves once the app, its hooks included, is closed.
 */
export async function closeWithin(app: FastifyInstance, boundMs: number, log?: (msg: string) => void) {
  const closing = app.close();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), boundMs);
    timer.unref();
  });
  if ((await Promise.race([closing.then(() => 'closed' as const), late])) === 'late') {
    log?.(`shutdown: closing connections still open after ${boundMs} ms`);
    app.server.closeAllConnections();
  }
  clearTimeout(timer);
  await closing;
}
