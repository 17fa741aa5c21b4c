/**
 * Data a page will ask for, asked for by its route as soon as the address is known: beside the session and
 * the page's code instead of after them, one round trip less on a slow network before the page shows.
 * The page takes it once, if still fresh; any later load (a retry, a change of language) asks again.
 */
const FRESH_MS = 10_000;
const pending = new Map<string, { at: number; promise: Promise<unknown> }>();

export function prefetch(key: string, load: () => Promise<unknown>): void {
  const promise = load();
  // Unclaimed, a failure is nobody's: the page that claims it handles it.
  promise.catch(() => undefined);
  pending.set(key, { at: Date.now(), promise });
}

export function takePrefetched<T>(key: string): Promise<T> | undefined {
  const hit = pending.get(key);
  pending.delete(key);
  return hit && Date.now() - hit.at < FRESH_MS ? (hit.promise as Promise<T>) : undefined;
}
