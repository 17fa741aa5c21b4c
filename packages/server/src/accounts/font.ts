import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// pdfkit's built-in fonts have no Chinese glyphs. Noto Sans SC ships as full TrueType files in this
// package (the web-font packages split it by unicode range into woff2, which pdfkit cannot use).
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

export type CjkWeight = keyof typeof FONT_FILES;

const require = createRequire(import.meta.url);
const cache = new Map<CjkWeight, Buffer>();

/** The font file's bytes, read once: each file is ~10 MB, and pdfkit embeds only the glyphs used. */
export function cjkFont(weight: CjkWeight): Buffer {
  let bytes = cache.get(weight);
  if (!bytes) {
    bytes = readFileSync(require.resolve(FONT_FILES[weight]));
    cache.set(weight, bytes);
  }
  return bytes;
}

/** The PostScript name pdfkit embeds (behind a subset prefix), for tests that check the font is there. */
export const CJK_FONT_NAME = 'NotoSansSC';
