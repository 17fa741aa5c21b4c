import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets document.title to "<page> · 育心" (or "… · Yuxin"). */
export function useTitle(page: string | null | undefined): void {
  const { t } = useTranslation();
  const app = t('app.name');
  useEffect(() => {
    document.title = page ? `${page} · ${app}` : t('app.fullName');
  }, [page, app, t]);
}
