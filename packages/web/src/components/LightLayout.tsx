import { useEffect, useState, type MouseEvent } from 'react';
import { CloseOutlined, MenuOutlined } from '@ant-design/icons-svg';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { effectiveNav, NAV_ICONS, NAV_PATHS, navKeyForPath } from '../lib/nav';
import { useSignedIn } from '../session/useSession';
import BrandMark from './BrandMark';
import LanguageSwitch from './LanguageSwitch';
import LightBell from './LightBell';
import LightUserMenu from './LightUserMenu';
import Icon from './light/Icon';

function SkipLink() {
  const { t } = useTranslation();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    document.getElementById('main')?.focus();
  };
  return (
    <a className="yx-skip-link" href="#main" onClick={onClick}>
      {t('app.skipToContent')}
    </a>
  );
}

/**
 * The students' and guardians' frame: a header with the brand, their few pages, the language and their
 * name; one calm column below. On a phone the pages fold into a menu button. No Ant Design: this is what a
 * student's phone loads after sign-in (the staff shell is AppLayout).
 */
export default function LightLayout() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const keys = effectiveNav(session);
  const selected = navKeyForPath(location.pathname);
  useEffect(() => setOpen(false), [location.pathname]);

  return (
    <div className="yx-light">
      <SkipLink />
      <header className="yx-light-header">
        <div className="yx-light-bar">
          <button
            type="button"
            className="yx-btn yx-btn-text yx-nav-toggle"
            aria-label={t('layout.openMenu')}
            aria-expanded={open}
            aria-controls="yx-light-nav"
            data-testid="nav-toggle"
            onClick={() => setOpen((o) => !o)}
          >
            <Icon icon={open ? CloseOutlined : MenuOutlined} />
          </button>
          <Link to="/" aria-label={t('calm.home')} className="yx-light-brand">
            <BrandMark compact />
          </Link>
          <nav
            id="yx-light-nav"
            aria-label={t('layout.navLabel')}
            className={open ? 'yx-light-nav yx-light-nav-open' : 'yx-light-nav'}
          >
            <ul>
              {keys.map((key) => (
                <li key={key}>
                  <Link
                    to={NAV_PATHS[key]}
                    data-testid={`nav-${key}`}
                    aria-current={selected === key ? 'page' : undefined}
                    onClick={() => setOpen(false)}
                  >
                    <Icon icon={NAV_ICONS[key]} />
                    {t(`nav.${key}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <span className="yx-grow" />
          {/* A screening-code session answers one questionnaire; it has no notifications to read. */}
          {!session.user.onlyAssignment && <LightBell />}
          <LanguageSwitch />
          <LightUserMenu />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="yx-main yx-light-main">
        <Outlet />
      </main>
      <footer className="yx-light-footer">{t('app.footer')}</footer>
    </div>
  );
}
