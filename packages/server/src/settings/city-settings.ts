import type { RoleBinding } from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { requireCityManager } from '../access/city-manager.js';
import type { ServiceContext } from '../services/context.js';

/**
 * A city's settings are one JSON value per key in `city_setting` (`screening`, `warning`, `cases`,
 * `supervision`, `security.two_factor_all_staff`). Each area owns its key's shape and defaults; this module
 * owns the row: how it is read, written, and how a change is saved together with its audit row.
 */

/** The stored value of a city's setting, or undefined when the city never saved one (its defaults apply). */
export async function readCitySetting<T>(db: Kysely<Database>, cityId: string, key: string): Promise<T | undefined> {
  const row = await db
    .selectFrom('city_setting')
    .select('value')
    .where('city_id', '=', cityId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value as T | undefined;
}

/** Stores the whole value of a city's setting, replacing what was there. */
export async function writeCitySetting(
  db: Kysely<Database>,
  cityId: string,
  key: string,
  value: unknown,
): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('city_setting')
    .values({ city_id: cityId, key, value: json, updated_at: sql<Date>`now()` })
    .onConflict((oc) => oc.columns(['city_id', 'key']).doUpdateSet({ value: json, updated_at: sql<Date>`now()` }))
    .execute();
}

export interface CitySettingChange {
  cityId: string;
  /** The binding that allowed the change; the caller has checked it. */
  binding: RoleBinding;
  /** The audit action, e.g. `settings.cases.update`. */
  action: string;
  detail: Record<string, unknown>;
  /** Writes the new value (the area's own save, which knows its key and shape) in the change's transaction. */
  save: (tx: Kysely<Database>) => Promise<void>;
}

/** Saves a change to a city's settings and its audit row in one transaction: a change is never unrecorded. */
export async function changeCitySetting(ctx: ServiceContext, change: CitySettingChange): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    await change.save(tx);
    await ctx.audit(tx, {
      action: change.action,
      targetType: 'city_setting',
      targetId: change.cityId,
      placement: { cityId: change.cityId },
      binding: change.binding,
      detail: change.detail,
    });
  });
}

/** The audited actions that change a city's settings, each area's own. */
const SETTINGS_ACTIONS = [
  'settings.screening.update',
  'settings.warning.update',
  'settings.cases.update',
  'settings.supervision.update',
  'settings.two_factor',
];

/**
 * The latest hundred changes to the city's settings, newest first, as the audit log recorded them: who,
 * when, and what the change said. Only the city's managers read it, and the read is itself audited.
 */
export async function recentSettingsChanges(ctx: ServiceContext, cityId: string) {
  const binding = requireCityManager(ctx.access, cityId);
  const rows = await ctx.db
    .selectFrom('audit_log')
    .select(['at', 'action', 'username', 'role', 'payload'])
    .where('city_id', '=', cityId)
    .where('action', 'in', SETTINGS_ACTIONS)
    .where('outcome', '=', 'success')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  await ctx.audit(ctx.db, {
    action: 'settings.changes_read',
    targetType: 'city_setting',
    targetId: cityId,
    placement: { cityId },
    binding,
    detail: { rows: rows.length },
  });
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    action: r.action,
    username: r.username,
    role: r.role,
    detail: (JSON.parse(r.payload) as { detail?: unknown }).detail ?? null,
  }));
}
