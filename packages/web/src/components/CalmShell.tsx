import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import BrandMark from './BrandMark';
import LanguageSwitch from './LanguageSwitch';

/**
 * The frame of the questionnaire: a calm, app-like page for a phone — no side menu, no breadcrumb, large
 * type, one column. Landmarks: a banner with the brand and the language, then main.
 */
export default function CalmShell({
  children,
  backTo,
}: {
  children: ReactNode;
  backTo?: { to: string; label: string };
}) {
  const { t } = useTranslation();
  return (
    <div className="yx-calm">
      <header className="yx-calm-header">
        <div className="yx-calm-bar">
          <Link to="/" aria-label={t('calm.home')} style={{ display: 'inline-flex' }}>
            <BrandMark compact />
          </Link>
          <div className="yx-row" style={{ gap: 4 }}>
            {backTo && (
              <Link to={backTo.to} className="yx-calm-back">
                {backTo.label}
              </Link>
            )}
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="yx-main yx-calm-main">
        {children}
      </main>
    </div>
  );
}
