import type { Listing, Page } from './types';

/** Normalises a list answer (paged object or bare array) into a Page. */
export function toPage<T>(listing: Listing<T> | null | undefined, page = 1, pageSize = 20): Page<T> {
  if (!listing) return { items: [], total: 0, page, pageSize };
  if (Array.isArray(listing))
    return { items: listing, total: listing.length, page, pageSize: Math.max(pageSize, listing.length) };
  const p = listing as Partial<Page<T>> & { items: T[]; total: number };
  return {
    items: p.items ?? [],
    total: p.total ?? p.items?.length ?? 0,
    page: p.page ?? page,
    pageSize: p.pageSize ?? pageSize,
  };
}
