import { Card, Col, Empty, List, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import PageHeading from '../components/PageHeading';
import { useBindingLabel } from '../components/RoleBindings';
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
      <Typography.Paragraph style={{ maxWidth: 760 }}>{t('home.intro')}</Typography.Paragraph>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('home.yourRoles')}</h2>}>
            <List
              dataSource={duties}
              locale={{ emptyText: t('common.none') }}
              renderItem={(r) => (
                <List.Item key={r.key}>
                  <div>
                    <h3 style={{ fontSize: 15, margin: '0 0 4px' }}>{r.label}</h3>
                    <div style={{ color: 'rgba(0,0,0,0.72)' }}>{t(`home.duty.${r.role}`, { defaultValue: '' })}</div>
                  </div>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('home.quickLinks')}</h2>}>
            {links.length === 0 ? (
              <Empty description={t('home.noNav')} />
            ) : (
              <Row gutter={[12, 12]}>
                {links.map((k) => (
                  <Col xs={24} sm={12} key={k}>
                    <Link to={NAV_PATHS[k]} style={{ display: 'block', height: '100%' }}>
                      <Card size="small" hoverable style={{ height: '100%' }}>
                        <Typography.Text strong style={{ color: '#0f766e' }}>
                          <span aria-hidden style={{ marginInlineEnd: 8 }}>
                            {NAV_ICONS[k]}
                          </span>
                          {t(`nav.${k}`)}
                        </Typography.Text>
                        <div style={{ color: 'rgba(0,0,0,0.72)', marginTop: 4, fontSize: 13 }}>
                          {t(`home.linkDesc.${k}`)}
                        </div>
                      </Card>
                    </Link>
                  </Col>
                ))}
              </Row>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
