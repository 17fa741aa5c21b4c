import { chinaDateOf } from '@yuxin/core';
import type { ServiceContext } from '../services/context.js';
import { archiveForExport } from './archive.js';
import { renderArchivePdf } from './archive-pdf.js';
import { am } from './messages.js';

/** The archive as a PDF for the psychology teacher, audited as an export (what left the system, by whom). */
export async function exportArchivePdf(ctx: ServiceContext, studentId: string) {
  const content = await archiveForExport(ctx, studentId);
  const now = ctx.clock();
  const bytes = await renderArchivePdf(content, ctx.locale, now);
  await ctx.audit(ctx.db, {
    action: 'archive.export',
    targetType: 'student',
    targetId: content.student.id,
    placement: content.placement,
    binding: content.binding,
    detail: { format: 'pdf', sections: Object.keys(content.sections), bytes: bytes.length },
  });
  const date = chinaDateOf(now);
  return {
    bytes,
    filename: `${am('pdf.title', ctx.locale, { name: content.student.name })}-${date}.pdf`,
    asciiFilename: `archive-${date}.pdf`,
  };
}
