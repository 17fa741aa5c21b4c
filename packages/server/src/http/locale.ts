export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** The caller's language: an explicit Accept-Language wins, then the account's saved choice, then zh-CN. */
export function pickLocale(acceptLanguage: string | undefined, saved?: string | null): Locale {
  if (acceptLanguage) {
    for (const part of acceptLanguage.split(',')) {
      const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
      if (tag.startsWith('zh')) return 'zh-CN';
      if (tag.startsWith('en')) return 'en';
    }
  }
  return saved === 'en' ? 'en' : 'zh-CN';
}
