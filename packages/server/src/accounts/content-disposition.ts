import { chinaDateOf } from '@yuxin/core';
/**
 * `attachment` with the real (often Chinese) file name in RFC 5987 form, and an ASCII stand-in for
 * clients that only read the plain `filename`.
 */
export function attachmentHeader(filename: string, asciiFallback: string): string {
  const safeAscii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${safeAscii}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}

function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Today's date in China, where the slips are printed, as YYYY-MM-DD. */
export function chinaDate(now = new Date()): string {
  return chinaDateOf(now);
}
