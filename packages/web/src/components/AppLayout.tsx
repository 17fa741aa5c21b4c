import { useState, type MouseEvent } from 'react';
import { Button, Drawer, Flex, Grid, Layout, Typography } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import AppBreadcrumb from './AppBreadcrumb';
import BrandMark from './BrandMark';
import LanguageSwitch from './LanguageSwitch';
import NavMenu from './NavMenu';
import NotificationBell from './NotificationBell';
import UserMenu from './UserMenu';
import { useSession } from '../session/useSession';

const SIDER_WIDTH = 232;

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

/** Signed-in frame: side navigation (a drawer on narrow screens), header, breadcrumb, main. */
export default function AppLayout() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? (typeof window !== 'undefined' && window.innerWidth >= 992);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { session } = useSession();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <SkipLink />
      {wide && (
        <Layout.Sider
          width={SIDER_WIDTH}
          theme="light"
          style={{
            borderInlineEnd: '1px solid #e5e7eb',
            position: 'sticky',
            top: 0,
            height: '100vh',
            overflow: 'auto',
          }}
        >
          <div style={{ padding: '16px 16px 12px' }}>
            <BrandMark />
          </div>
          <nav aria-label={t('layout.navLabel')}>
            <NavMenu />
          </nav>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            borderBottom: '1px solid #e5e7eb',
            position: 'sticky',
            top: 0,
            zIndex: 10,
            paddingInline: wide ? 24 : 8,
          }}
        >
          {!wide && (
            <>
              <Button
                type="text"
                icon={<MenuOutlined aria-hidden />}
                aria-label={t('layout.openMenu')}
                aria-expanded={drawerOpen}
                aria-controls="yx-nav-drawer"
                data-testid="nav-toggle"
                onClick={() => setDrawerOpen(true)}
              />
              <BrandMark compact />
            </>
          )}
          <Flex flex={1} />
          {/* A screening-code session answers one questionnaire; it has no notifications to read. */}
          {!session?.user.onlyAssignment && <NotificationBell />}
          <LanguageSwitch />
          <UserMenu />
        </Layout.Header>
        <Layout.Content id="main" tabIndex={-1} className="yx-main" style={{ padding: wide ? 24 : 12 }}>
          <AppBreadcrumb />
          <Outlet />
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', padding: '12px 16px' }}>
          <Typography.Text style={{ fontSize: 12, color: 'rgba(0,0,0,0.68)' }}>{t('app.footer')}</Typography.Text>
        </Layout.Footer>
      </Layout>
      {!wide && (
        <Drawer
          id="yx-nav-drawer"
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          title={<BrandMark />}
          styles={{ body: { padding: 0 } }}
        >
          <nav aria-label={t('layout.navLabel')}>
            <NavMenu onNavigate={() => setDrawerOpen(false)} />
          </nav>
        </Drawer>
      )}
    </Layout>
  );
}
