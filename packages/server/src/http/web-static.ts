import { basename, dirname } from 'node:path';

/**
 * Cache-Control for a file of the web build. Vite names everything under assets/ after a hash of its
 * content, so a browser may keep those for a year without asking again; anything else (index.html, the
 * favicon) keeps its name across builds and must be revalidated, or a phone would run last month's app.
 * The path may be a pre-compressed sibling (index-abc.js.br): its directory decides, not its extension.
 */
export function webCacheControl(filePath: string): string {
  return basename(dirname(filePath)) === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache';
}
