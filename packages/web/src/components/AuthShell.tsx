import type { ReactNode } from 'react';
import BrandMark from './BrandMark';
import LanguageSwitch from './LanguageSwitch';

/**
 * Frame of the pages outside the app layout (sign-in, forced password change). The side panel (`aside`)
 * shows from 768 px up, by CSS, so the first paint already has the final layout.
 */
export default function AuthShell({ aside, children }: { aside?: ReactNode; children: ReactNode }) {
  return (
    <div className={aside ? 'yx-auth yx-auth-with-aside' : 'yx-auth'}>
      {aside && <div className="yx-auth-aside">{aside}</div>}
      <div className="yx-auth-column">
        <header className="yx-auth-header">
          <span className="yx-auth-brand">
            <BrandMark />
          </span>
          <LanguageSwitch />
        </header>
        <main id="main" tabIndex={-1} className="yx-main yx-auth-main">
          <div className="yx-auth-content">{children}</div>
        </main>
      </div>
    </div>
  );
}
