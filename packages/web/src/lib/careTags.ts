import type { CareTag } from '@yuxin/core';

export { CARE_TAGS, isCareTag, type CareTag } from '@yuxin/core';

/** Light background, dark text and border: each pair has a contrast ratio above 4.5:1. */
export const CARE_TAG_STYLES: Record<CareTag, { color: string; background: string; border: string }> = {
  left_behind: { color: '#92400e', background: '#fffbeb', border: '#fcd34d' },
  migrant: { color: '#1e40af', background: '#eff6ff', border: '#93c5fd' },
  single_parent: { color: '#6b21a8', background: '#faf5ff', border: '#d8b4fe' },
  disability: { color: '#115e59', background: '#f0fdfa', border: '#5eead4' },
  low_income: { color: '#854d0e', background: '#fefce8', border: '#fde047' },
  bereaved: { color: '#334155', background: '#f8fafc', border: '#cbd5e1' },
  bullied: { color: '#9f1239', background: '#fff1f2', border: '#fda4af' },
};
