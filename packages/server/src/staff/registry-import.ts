import type { RoleBinding } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database, UserAccountTable } from '../db/types.js';
import type { Selectable } from 'kysely';
import { Problem } from '../http/problem.js';
import { placementOf } from '../org/placement.js';
import { readSheet } from '../roster/read.js';
import { cellText } from '../spreadsheets/cells.js';
import type { FileKind } from '../spreadsheets/read.js';
import type { ServiceContext } from '../services/context.js';
import {
  parseFullTime,
  REGISTRY_LAYOUT,
  registryColumnHeader,
  registryImportText,
  type RegistryColumn,
  type RegistryHeader,
  type RegistryImportMessageKey,
} from './registry-import-sheet.js';
import { registrySchoolYear, trainingYears, writeStaffRegistry, type StaffRegistry } from './registry.js';

/**
 * The staff registry from one sheet (issue 14): validate → preview → apply → report, like the org tree.
 * Rows name existing staff accounts by username and set registry fields only; an empty cell changes nothing.
 * An account the importer may not manage reads exactly like one that does not exist, so the sheet cannot
 * probe usernames. A preview writes nothing; an apply plans again inside its one transaction and writes
 * everything or, when any row is wrong, nothing.
 */

const MAX_QUALIFICATION = 100;
const MAX_HOURS = 2000;

export type RegistryField = 'fullTime' | 'certificateLevel' | 'qualification' | 'hours' | 'supervisionHours';

export interface RegistryImportItem {
  row: number;
  username: string;
  name: string;
  /** The fields this row changes (empty: the registry already says what the row says). */
  changes: RegistryField[];
  schoolYear: string | null;
  status: 'update' | 'unchanged';
}

export interface RegistryImportReport {
  applied: boolean;
  rows: number;
  errors: Array<{ row: number; column: string; message: string }>;
  items: RegistryImportItem[];
  counts: { update: number; unchanged: number };
}

interface ParsedRow {
  row: number;
  username: string;
  fullTime?: boolean;
  certificateLevel?: 'A' | 'B' | 'C' | 'D';
  qualification?: string;
  schoolYear?: string;
  hours?: number;
  supervisionHours?: number;
}

interface Planned {
  item: RegistryImportItem;
  account: Selectable<UserAccountTable>;
  change: StaffRegistry;
  binding: RoleBinding;
}

export async function importStaffRegistry(
  ctx: ServiceContext,
  input: { cityId: string; file: Buffer; kind: FileKind; mode: 'preview' | 'apply' },
): Promise<RegistryImportReport> {
  const locale = ctx.locale;
  const sheet = await readSheet(input.file, input.kind, () => {}, REGISTRY_LAYOUT);
  if ('errors' in sheet)
    return report(
      false,
      0,
      sheet.errors.map((e) => ({ row: e.row, column: e.field, message: e.message[locale] })),
      [],
    );
  const errors: RegistryImportReport['errors'] = [];
  const rows = parseRows(ctx, sheet.header, sheet.rows, errors);
  const thisYear = await registrySchoolYear(ctx.db, input.cityId);
  if (input.mode === 'preview') {
    const plan = await planImport(ctx, ctx.db, input.cityId, thisYear, rows, sheet.header, errors);
    return report(
      false,
      sheet.rows.length,
      errors,
      plan.map((p) => p.item),
    );
  }
  return ctx.db.transaction().execute(async (tx) => {
    const plan = await planImport(ctx, tx, input.cityId, thisYear, rows, sheet.header, errors);
    const items = plan.map((p) => p.item);
    if (errors.length > 0) return report(false, sheet.rows.length, errors, items);
    for (const p of plan) {
      if (p.item.status === 'unchanged') continue;
      await writeStaffRegistry(tx, p.account.id, p.change, ctx.actorId);
      await ctx.audit(tx, {
        action: 'staff.registry_update',
        targetType: 'account',
        targetId: p.account.id,
        placement: placementOf(p.account),
        binding: p.binding,
        detail: { fields: p.item.changes, schoolYear: p.item.schoolYear, source: 'import' },
      });
    }
    const counts = countItems(items);
    await ctx.audit(tx, {
      action: 'staff.registry_import',
      targetType: 'account',
      targetId: null,
      placement: { cityId: input.cityId },
      detail: { rows: sheet.rows.length, ...counts },
    });
    return report(true, sheet.rows.length, errors, items);
  });
}

function report(
  applied: boolean,
  rows: number,
  errors: RegistryImportReport['errors'],
  items: RegistryImportItem[],
): RegistryImportReport {
  errors.sort((a, b) => a.row - b.row);
  return { applied, rows, errors, items, counts: countItems(items) };
}

function countItems(items: RegistryImportItem[]) {
  return {
    update: items.filter((i) => i.status === 'update').length,
    unchanged: items.filter((i) => i.status === 'unchanged').length,
  };
}

function parseHours(text: string): number | undefined {
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const n = Number(text);
  return n <= MAX_HOURS ? Math.round(n * 100) / 100 : undefined;
}

function parseRows(
  ctx: ServiceContext,
  header: RegistryHeader,
  rows: Array<{ row: number; cells: Parameters<typeof cellText>[0][] }>,
  errors: RegistryImportReport['errors'],
): ParsedRow[] {
  const locale = ctx.locale;
  const column = (key: RegistryColumn) => header.written[key] ?? registryColumnHeader(key, locale);
  const out: ParsedRow[] = [];
  for (const r of rows) {
    const get = (key: RegistryColumn) => {
      const i = header.index[key];
      return i === undefined ? '' : cellText(r.cells[i] ?? null);
    };
    const before = errors.length;
    const fail = (key: RegistryColumn, message: RegistryImportMessageKey, params: Record<string, string | number>) =>
      errors.push({
        row: r.row,
        column: column(key),
        message: registryImportText(message, locale, { field: column(key), ...params }),
      });
    const p: ParsedRow = { row: r.row, username: get('username') };
    if (!p.username) fail('username', 'required', {});
    const fullTime = get('fullTime');
    if (fullTime) {
      p.fullTime = parseFullTime(fullTime);
      if (p.fullTime === undefined) fail('fullTime', 'fullTime.invalid', { value: fullTime });
    }
    const level = get('certificateLevel').toUpperCase();
    if (level) {
      if (level === 'A' || level === 'B' || level === 'C' || level === 'D') p.certificateLevel = level;
      else fail('certificateLevel', 'certificate.invalid', { value: get('certificateLevel') });
    }
    const qualification = get('qualification');
    if (qualification.length > MAX_QUALIFICATION) fail('qualification', 'text.too-long', { max: MAX_QUALIFICATION });
    else if (qualification) p.qualification = qualification;
    const year = get('schoolYear');
    if (year) {
      const m = /^(\d{4})\s*[-–—/至]\s*(\d{4})$/.exec(year);
      if (m && Number(m[2]) === Number(m[1]) + 1) p.schoolYear = `${m[1]}-${m[2]}`;
      else fail('schoolYear', 'schoolYear.invalid', { value: year });
    }
    for (const key of ['hours', 'supervisionHours'] as const) {
      const text = get(key);
      if (!text) continue;
      const n = parseHours(text);
      if (n === undefined) fail(key, 'hours.invalid', { value: text });
      else p[key] = n;
    }
    if (errors.length === before) out.push(p);
  }
  return out;
}

/** The actor's binding for managing staff at this placement, or null: such a row reads as an unknown account. */
function manages(ctx: ServiceContext, account: Selectable<UserAccountTable>): RoleBinding | null {
  try {
    return ctx.access.require('staff.manage', placementOf(account));
  } catch (err) {
    if (err instanceof Problem) return null;
    throw err;
  }
}

async function planImport(
  ctx: ServiceContext,
  db: Kysely<Database>,
  cityId: string,
  thisYear: string,
  rows: ParsedRow[],
  header: RegistryHeader,
  errors: RegistryImportReport['errors'],
): Promise<Planned[]> {
  const locale = ctx.locale;
  const column = (key: RegistryColumn) => header.written[key] ?? registryColumnHeader(key, locale);
  const usernames = [...new Set(rows.map((r) => r.username))];
  const accounts = usernames.length
    ? await db
        .selectFrom('user_account')
        .selectAll()
        .where('city_id', '=', cityId)
        .where('kind', '=', 'staff')
        .where('username', 'in', usernames)
        .execute()
    : [];
  const byUsername = new Map(accounts.map((a) => [a.username, a]));
  const years = new Map<string, Awaited<ReturnType<typeof trainingYears>>>();
  const seen = new Map<string, number>();
  const plan: Planned[] = [];
  for (const r of rows) {
    const fail = (key: RegistryColumn, message: RegistryImportMessageKey, params: Record<string, string | number>) =>
      errors.push({
        row: r.row,
        column: column(key),
        message: registryImportText(message, locale, { field: column(key), ...params }),
      });
    const earlier = seen.get(r.username);
    if (earlier !== undefined) {
      fail('username', 'account.repeated', { value: r.username, row: earlier });
      continue;
    }
    seen.set(r.username, r.row);
    const account = byUsername.get(r.username);
    const binding = account ? manages(ctx, account) : null;
    if (!account || !binding) {
      fail('username', 'account.unknown', { value: r.username });
      continue;
    }
    const change: StaffRegistry = {};
    const changes: RegistryField[] = [];
    if (r.fullTime !== undefined && r.fullTime !== account.full_time) {
      change.fullTime = r.fullTime;
      changes.push('fullTime');
    }
    if (r.certificateLevel !== undefined && r.certificateLevel !== account.certificate_level) {
      change.certificateLevel = r.certificateLevel;
      changes.push('certificateLevel');
    }
    if (r.qualification !== undefined && r.qualification !== account.qualification) {
      change.qualification = r.qualification;
      changes.push('qualification');
    }
    let schoolYear: string | null = null;
    if (r.hours !== undefined || r.supervisionHours !== undefined) {
      schoolYear = r.schoolYear ?? thisYear;
      if (!years.has(schoolYear))
        years.set(
          schoolYear,
          await trainingYears(
            db,
            accounts.map((a) => a.id),
            schoolYear,
          ),
        );
      const stored = years.get(schoolYear)!.get(account.id);
      // An empty cell keeps what the registry holds for that year.
      const hours = r.hours ?? stored?.hours ?? null;
      const supervisionHours = r.supervisionHours ?? stored?.supervisionHours ?? null;
      if (hours !== (stored?.hours ?? null)) changes.push('hours');
      if (supervisionHours !== (stored?.supervisionHours ?? null)) changes.push('supervisionHours');
      if (changes.includes('hours') || changes.includes('supervisionHours'))
        change.training = { schoolYear, hours, supervisionHours };
    }
    plan.push({
      account,
      binding,
      change,
      item: {
        row: r.row,
        username: account.username,
        name: account.display_name,
        changes,
        schoolYear,
        status: changes.length > 0 ? 'update' : 'unchanged',
      },
    });
  }
  return plan;
}
