// Org units change rarely within a session; pickers share one cache of children lists.
// The org tree page reads fresh data instead (it shows student counts).
import { orgApi } from './org';
import type { OrgUnit } from './types';

const cache = new Map<string, Promise<OrgUnit[]>>();

/** Roots when parentId is null, else the unit's children. */
export function cachedChildren(parentId: string | null): Promise<OrgUnit[]> {
  const key = parentId ?? '';
  let p = cache.get(key);
  if (!p) {
    p = parentId ? orgApi.children(parentId) : orgApi.roots();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

export function clearOrgCache(): void {
  cache.clear();
}

export interface SchoolOption {
  school: OrgUnit;
  /** The district (or city) it was found under, for grouping; null for a school that is a scope root. */
  parent: OrgUnit | null;
}

/** Every school under the actor's roots (walking city → district → school). */
export async function schoolsInScope(): Promise<SchoolOption[]> {
  const out: SchoolOption[] = [];
  const walk = async (units: OrgUnit[], parent: OrgUnit | null): Promise<void> => {
    await Promise.all(
      units.map(async (u) => {
        if (u.kind === 'school') out.push({ school: u, parent });
        else if ((u.kind === 'city' || u.kind === 'district') && u.childCount > 0)
          await walk(await cachedChildren(u.id), u);
      }),
    );
  };
  await walk(await cachedChildren(null), null);
  return out.sort(
    (a, b) =>
      (a.parent?.name ?? '').localeCompare(b.parent?.name ?? '', 'zh-CN') ||
      a.school.name.localeCompare(b.school.name, 'zh-CN'),
  );
}
