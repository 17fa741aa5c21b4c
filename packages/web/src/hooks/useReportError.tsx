import { useCallback } from 'react';
import { App, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError, pointerToNamePath } from '../api/problem';

/**
 * Shows an API error to the user: the server's localized `detail` as a message, and field errors
 * on the given form (`/name` → `name`). Errors the session handles itself (sign-in needed, password
 * change needed) are not shown again.
 */
export function useReportError() {
  const { message, notification } = App.useApp();
  const { t } = useTranslation();

  return useCallback(
    (err: unknown, form?: FormInstance) => {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      if (!isApiError(err)) {
        console.error(err);
        void message.error(t('errors.unexpected'));
        return;
      }
      if ((err.status === 401 && err.kind === 'unauthenticated') || err.kind === 'password-change-required') return;

      const registered = form ? new Set(Object.keys(form.getFieldsValue() as object)) : new Set<string>();
      const onForm = err.errors.filter((e) => {
        const path = pointerToNamePath(e.field);
        return path.length > 0 && registered.has(String(path[0]));
      });
      const elsewhere = err.errors.filter((e) => !onForm.includes(e));

      if (form && onForm.length > 0) {
        form.setFields(onForm.map((e) => ({ name: pointerToNamePath(e.field), errors: [e.message] })));
      }
      if (elsewhere.length > 0) {
        notification.error({
          title: err.detail,
          description: (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {elsewhere.map((e, i) => (
                <li key={i}>{e.field ? `${e.field}: ${e.message}` : e.message}</li>
              ))}
            </ul>
          ),
        });
        return;
      }
      void message.error(err.detail);
    },
    [message, notification, t],
  );
}
