import type { Kysely } from 'kysely';
import type { Database, OrgUnit } from '../db/types.js';
import type { Locale } from '../http/locale.js';
import { chinaDate } from './content-disposition.js';
import { ta } from './messages.js';
import { renderSlipsPdf } from './slips-pdf.js';
import { renderSlipsXlsx } from './slips-xlsx.js';
import type { CredentialSlip, SlipSheet } from './slips.js';

export const SLIP_FILE_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export type SlipFormat = keyof typeof SLIP_FILE_TYPES;

export interface SlipFile {
  bytes: Buffer | Uint8Array;
  /** The real name, in the reader's language, and an ASCII stand-in for clients that read only that. */
  filename: string;
  asciiName: string;
}

/** A class's slips as a PDF or spreadsheet, with the school and class named in the reader's language. */
export async function renderSlipFile(
  db: Kysely<Database>,
  klass: Pick<OrgUnit, 'school_id' | 'grade_id' | 'name_zh' | 'name_en'>,
  slips: CredentialSlip[],
  format: SlipFormat,
  audience: { locale: Locale; signInUrl: string },
): Promise<SlipFile> {
  const { locale } = audience;
  const names = (id: string) =>
    db.selectFrom('org_unit').select(['name_zh', 'name_en']).where('id', '=', id).executeTakeFirstOrThrow();
  const [school, grade] = await Promise.all([names(klass.school_id!), names(klass.grade_id!)]);
  const en = locale === 'en';
  const className = en
    ? `${grade.name_en ?? grade.name_zh} ${klass.name_en ?? klass.name_zh}`
    : `${grade.name_zh}${klass.name_zh}`;
  const sheet: SlipSheet = {
    schoolName: en ? (school.name_en ?? school.name_zh) : school.name_zh,
    className,
    signInUrl: audience.signInUrl,
    locale,
    slips,
  };
  const bytes = format === 'pdf' ? await renderSlipsPdf(sheet) : await renderSlipsXlsx(sheet);
  const date = chinaDate();
  return {
    bytes,
    filename: `${className}-${ta('file.accounts', locale)}-${date}.${format}`,
    asciiName: `class-accounts-${date}.${format}`,
  };
}
