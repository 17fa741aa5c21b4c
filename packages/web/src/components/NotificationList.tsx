import { Empty, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NotificationItem } from '../api/warning';
import { currentLocale } from '../i18n';
import { formatShortDateTime } from '../lib/format';

/** Notifications as a list of buttons that open what each is about (the bell's popover, the notifications page). */
export default function NotificationList({
  items,
  onOpen,
}: {
  items: NotificationItem[];
  onOpen: (n: NotificationItem) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />;
  return (
    <List
      dataSource={items}
      data-testid="notification-list"
      renderItem={(n) => (
        <List.Item style={{ paddingInline: 0 }}>
          <button
            type="button"
            onClick={() => onOpen(n)}
            data-testid="notification-item"
            style={{ all: 'unset', cursor: 'pointer', display: 'block', width: '100%' }}
          >
            <Typography.Text
              strong={!n.readAt}
              style={{ color: n.urgency === 'crisis' && !n.readAt ? '#9f1239' : undefined }}
            >
              {!n.readAt && <span className="yx-visually-hidden">{t('notifications.unreadMark')}</span>}
              {n.title}
            </Typography.Text>
            <div style={{ color: 'rgba(0,0,0,0.72)', fontSize: 13 }}>{n.body}</div>
            <div style={{ color: 'rgba(0,0,0,0.62)', fontSize: 12 }}>{formatShortDateTime(n.createdAt, locale)}</div>
          </button>
        </List.Item>
      )}
    />
  );
}
