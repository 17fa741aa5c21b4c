import type { MultipartFile } from '@fastify/multipart';
import type { Locale } from './locale.js';
import { Problem } from './problem.js';
import { rosterText, type RosterMessageKey } from '../roster/messages.js';
import { sniffFile, type FileKind } from '../roster/parse.js';

/** What an uploaded spreadsheet is, or a 400 naming the problem: empty, old .xls, or not a spreadsheet. */
export function spreadsheetKind(upload: { buffer: Buffer; filename: string }, locale: Locale): FileKind {
  const kind = sniffFile(upload.buffer, upload.filename);
  if (kind === 'xlsx' || kind === 'csv') return kind;
  const key: RosterMessageKey = kind === 'empty' ? 'file.empty' : kind === 'xls' ? 'file.xls' : 'file.type';
  throw fileProblem(rosterText(key, locale, { name: upload.filename }));
}

function fileProblem(message: string) {
  return new Problem('validation', { errors: [{ field: '/file', key: 'field.invalid', message }] });
}

/**
 * The whole upload in memory (≤ the upload limit): the job outlives the request, and nothing is written to disk.
 * `missing` says, in the caller's language, what to upload when the form has no `file`.
 */
export async function receiveFile(part: MultipartFile | undefined, missing: string, limitBytes: number) {
  if (!part || part.fieldname !== 'file') throw fileProblem(missing);
  let buffer: Buffer;
  try {
    buffer = await part.toBuffer();
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new Problem('payload-too-large', { params: { limit: `${Math.round(limitBytes / 1024 / 1024)} MB` } });
    }
    throw err;
  }
  return { buffer, filename: part.filename ?? '' };
}
