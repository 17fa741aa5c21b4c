import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import PageHeading from '../components/PageHeading';
import Icon from '../components/light/Icon';
import { Card, Empty } from '../components/light/ui';
import { useBindingLabel } from '../lib/roleLabels';
import { effectiveNav, NAV_ICONS, NAV_PATHS } from '../lib/nav';
import { useSignedIn } from '../session/useSession';

/** Role-aware welcome: what each of the user's roles does in the service, and shortcuts. */
export default function HomePage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const bindingLabel = useBindingLabel();
  const { user } = session;
  const links = effectiveNav(session).filter((k) => k !== 'home');

  // One line per distinct role; students and guardians may have no bindings.
  const roles = user.bindings.length
    ? user.bindings.map((b) => ({ key: b.id, role: b.role, label: bindingLabel(b) }))
    : user.kind !== 'staff'
      ? [{ key: user.kind, role: user.kind, label: t(`roles.${user.kind}`) }]
      : [];
  const seen = new Set<string>();
  const duties = roles.filter((r) => (seen.has(r.label) ? false : (seen.add(r.label), true)));

  return (
    <>
      <PageHeading title={t('home.greeting', { name: user.displayName })} documentTitle={t('home.title')} />
      <p className="yx-para" style={{ maxWidth: 760 }}>
        {t('home.intro')}
      </p>

      <div className="yx-home-grid">
        <Card className="yx-home-roles">
          <h2 className="yx-card-title">{t('home.yourRoles')}</h2>
          {duties.length === 0 ? (
            <Empty>{t('common.none')}</Empty>
          ) : (
            <ul className="yx-home-duties">
              {duties.map((r) => (
                <li key={r.key}>
                  <h3 style={{ fontSize: 15, margin: '0 0 4px' }}>{r.label}</h3>
                  <div style={{ color: 'rgba(0,0,0,0.72)' }}>{t(`home.duty.${r.role}`, { defaultValue: '' })}</div>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card className="yx-home-links">
          <h2 className="yx-card-title">{t('home.quickLinks')}</h2>
          {links.length === 0 ? (
            <Empty>{t('home.noNav')}</Empty>
          ) : (
            <ul className="yx-home-shortcuts">
              {links.map((k) => (
                <li key={k}>
                  <Link to={NAV_PATHS[k]} className="yx-shortcut">
                    <strong>
                      <Icon icon={NAV_ICONS[k]} style={{ marginInlineEnd: 8 }} />
                      {t(`nav.${k}`)}
                    </strong>
                    <span>{t(`home.linkDesc.${k}`)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
