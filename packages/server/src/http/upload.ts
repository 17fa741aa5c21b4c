import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { Locale } from './locale.js';
import { Problem } from './problem.js';
import { rosterText, type RosterMessageKey } from '../roster/messages.js';
import { sniffFile, type FileKind } from '../spreadsheets/read.js';

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
  // Read here rather than with part.toBuffer(), which notices the limit only once the whole file has gone
  // by: at the limit the file stream is destroyed, which stops the multipart parser and unpipes the request.
  const file = part.file;
  const chunks: Buffer[] = [];
  let tooLarge = false;
  file.once('limit', () => {
    tooLarge = true;
    file.destroy();
  });
  try {
    for await (const chunk of file) chunks.push(chunk as Buffer);
  } catch (err) {
    if (!tooLarge) throw err;
  }
  if (tooLarge || file.truncated) {
    // The rest of the body is never read: closing the connection stops Node from draining it too.
    throw new Problem('payload-too-large', {
      params: { limit: megabytes(limitBytes) },
      headers: { connection: 'close' },
    });
  }
  const buffer = Buffer.concat(chunks);
  return { buffer, filename: part.filename ?? '' };
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Room for the multipart framing and the small fields beside the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * Refuses a request whose Content-Length is already over the limit before a byte of its body is read: a
 * 50 MB upload was read to the end before its 413. Runs first among the hooks, before sign-in, so even a
 * signed-in upload is not read; the connection is closed so that Node does not drain the body either.
 * Multipart bodies (uploads) get the upload limit, everything else the body limit.
 */
export function installUploadLimit(app: FastifyInstance, limits: { bodyLimitBytes: number; uploadLimitBytes: number }) {
  app.addHook('onRequest', async (req) => {
    const declared = Number(req.headers['content-length']);
    if (!Number.isFinite(declared)) return;
    const multipart = req.headers['content-type']?.toLowerCase().startsWith('multipart/') ?? false;
    const limit = multipart ? limits.uploadLimitBytes + MULTIPART_OVERHEAD_BYTES : limits.bodyLimitBytes;
    if (declared <= limit) return;
    throw new Problem('payload-too-large', {
      params: {
        limit: multipart ? megabytes(limits.uploadLimitBytes) : `${Math.round(limits.bodyLimitBytes / 1024)} KB`,
      },
      headers: { connection: 'close' },
    });
  });
}
