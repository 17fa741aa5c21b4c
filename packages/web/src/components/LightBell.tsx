import { useCallback, useEffect, useState } from 'react';
import { BellOutlined } from '@ant-design/icons-svg';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { warningApi } from '../api/warning';
import { useNotificationStream } from '../hooks/useNotificationStream';
import Icon from './light/Icon';

// Pushes come through the stream; the slow poll mends what a dropped stream missed (read in another tab).
const POLL_MS = 60_000;

/**
 * The students' and guardians' bell: how many notices are unread (a reminder of a questionnaire, a
 * referral waiting for a guardian's consent, a peer supporter's report received), linking to the list.
 * No popover here: the light shell carries no Ant Design, and the list page loads it when opened.
 */
export default function LightBell() {
  const { t } = useTranslation();
  const [unread, setUnread] = useState(0);
  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      setUnread((await warningApi.notifications({ pageSize: 1 }, signal)).unread);
    } catch {
      // The bell is a hint; the notifications page reports errors.
    }
  }, []);

  useNotificationStream((e) => {
    if (e.type === 'ready') setUnread(e.unread);
    else if (e.type === 'notification') void load();
  });

  useEffect(() => {
    const ctrl = new AbortController();
    void load(ctrl.signal);
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      ctrl.abort();
      clearInterval(timer);
    };
  }, [load]);

  return (
    <Link
      to="/notifications"
      className="yx-btn yx-btn-text yx-light-bell"
      aria-label={t('notifications.bellLabel', { count: unread })}
      data-testid="notification-bell"
    >
      <Icon icon={BellOutlined} />
      {unread > 0 && (
        <span className="yx-light-badge" aria-hidden>
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}
