import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './i18n';
import './index.css';
import App from './App';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');

// The first render as a transition: React then yields to the browser every few milliseconds instead of
// building the whole page (and Ant Design's styles) in one long task, which a slow phone feels as a freeze.
// It waits for the remembered language's strings (immediate for Chinese, built in).
void i18nReady.then(() =>
  startTransition(() => {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  }),
);
