import type { ReactNode } from 'react';
import { Flex, Grid } from 'antd';
import BrandMark from './BrandMark';
import LanguageSwitch from './LanguageSwitch';

/** Frame of the pages outside the app layout (sign-in, forced password change). */
export default function AuthShell({ aside, children }: { aside?: ReactNode; children: ReactNode }) {
  const screens = Grid.useBreakpoint();
  const wide = screens.md ?? (typeof window !== 'undefined' && window.innerWidth >= 768);
  return (
    <div style={{ minHeight: '100vh', display: 'flex', background: '#f5f7f7' }}>
      {aside && wide && aside}
      <div style={{ flex: 1, display: 'flex', flexDirection: 'column', minWidth: 0 }}>
        <header>
          <Flex align="center" justify="space-between" style={{ padding: '12px 16px' }}>
            {aside && wide ? <span /> : <BrandMark />}
            <LanguageSwitch />
          </Flex>
        </header>
        <main
          id="main"
          tabIndex={-1}
          className="yx-main"
          style={{
            flex: 1,
            display: 'flex',
            justifyContent: 'center',
            alignItems: 'flex-start',
            padding: '24px 16px 48px',
          }}
        >
          <div style={{ width: '100%', maxWidth: 420, marginTop: wide ? '8vh' : 0 }}>{children}</div>
        </main>
      </div>
    </div>
  );
}
