/** The strings every sheet import card says, under its own key in the citysetup namespace (test-checked). */
export const SHEET_IMPORT_TEXTS = [
  'title',
  'intro',
  'templateZh',
  'templateEn',
  'choose',
  'preview',
  'apply',
  'again',
  'rows',
  'counts',
  'nothingNew',
  'errorsTitle',
  'appliedTitle',
  'appliedCounts',
  'colRow',
  'colColumn',
  'colMessage',
] as const;
export type SheetImportText = (typeof SHEET_IMPORT_TEXTS)[number];
