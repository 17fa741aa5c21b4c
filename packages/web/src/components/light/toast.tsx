import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, pointerToNamePath } from '../../api/problem';

interface Toast {
  id: number;
  kind: 'success' | 'error';
  text: string;
}

// One queue for the whole page: the light pages' answer to Ant Design's App.useApp().message, which is not
// loaded on the student path.
let nextId = 1;
let shown: Toast[] = [];
const listeners = new Set<(t: Toast[]) => void>();
const publish = () => listeners.forEach((l) => l(shown));

function push(kind: Toast['kind'], text: string) {
  const toast = { id: nextId++, kind, text };
  shown = [...shown, toast];
  publish();
  setTimeout(
    () => {
      shown = shown.filter((t) => t.id !== toast.id);
      publish();
    },
    kind === 'error' ? 6000 : 3000,
  );
}

export const toast = {
  success: (text: string) => push('success', text),
  error: (text: string) => push('error', text),
};

/** Where the toasts show: a polite live region at the top of the screen. */
export function Toasts() {
  const [items, setItems] = useState(shown);
  useEffect(() => {
    listeners.add(setItems);
    return () => {
      listeners.delete(setItems);
    };
  }, []);
  return (
    <div className="yx-toasts" role="status" aria-live="polite">
      {items.map((t) => (
        <div key={t.id} className={`yx-toast yx-toast-${t.kind}`}>
          {t.text}
        </div>
      ))}
    </div>
  );
}

/**
 * Shows an API error as a toast (the server's localized `detail`); returns the field errors by field name,
 * for a form to show beside its boxes. Errors the session handles itself are not shown again.
 */
export function useLightReportError() {
  const { t } = useTranslation();
  return useCallback(
    (err: unknown): Record<string, string> => {
      if (err instanceof DOMException && err.name === 'AbortError') return {};
      if (!isApiError(err)) {
        console.error(err);
        toast.error(t('errors.unexpected'));
        return {};
      }
      if ((err.status === 401 && err.kind === 'unauthenticated') || err.kind === 'password-change-required') return {};
      const fields: Record<string, string> = {};
      for (const e of err.errors) {
        const name = String(pointerToNamePath(e.field)[0] ?? '');
        if (name && !fields[name]) fields[name] = e.message;
      }
      toast.error(err.detail);
      return fields;
    },
    [t],
  );
}
