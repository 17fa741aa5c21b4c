import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { effectiveNav, knownNav, NAV_ICONS, NAV_PATHS, navKeyForPath } from '../lib/nav';
import { useSignedIn } from '../session/useSession';
import Icon from './light/Icon';

/** The side menu, built only from the session's nav keys that this web knows. */
export default function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const session = useSignedIn();
  const location = useLocation();
  const navigate = useNavigate();
  const keys = effectiveNav(session);
  const selected = navKeyForPath(location.pathname);

  const items: MenuProps['items'] = keys.map((key) => ({
    key,
    icon: <Icon icon={NAV_ICONS[key]} />,
    label: (
      <Link to={NAV_PATHS[key]} data-testid={`nav-${key}`} onClick={onNavigate}>
        {t(`nav.${key}`)}
      </Link>
    ),
  }));

  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      style={{ borderInlineEnd: 'none' }}
      onClick={(info) => {
        // Clicks and Enter on the Link navigate by themselves (the browser turns Enter into a click);
        // only an activation of the item outside its Link lands here.
        if ((info.domEvent.target as Element).closest('a')) return;
        const key = knownNav([info.key])[0];
        if (key) {
          void navigate(NAV_PATHS[key]);
          onNavigate?.();
        }
      }}
    />
  );
}
