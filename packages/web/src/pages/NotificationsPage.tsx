import { Button, Card, Pagination, Segmented, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { warningApi } from '../api/warning';
import { useOpenNotification } from '../components/NotificationBell';
import NotificationList from '../components/NotificationList';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { useQueryParams } from '../hooks/useQueryParams';

/** Everything the signed-in person was notified of, newest first. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const { get, getInt, update } = useQueryParams();
  const unread = get('unread') === 'true';
  const page = getInt('page', 1);
  const open = useOpenNotification();
  const { data, error, loading, reload } = useAsync(
    (signal) => warningApi.notifications({ unread: unread || undefined, page, pageSize: 20 }, signal),
    [unread, page],
  );

  return (
    <>
      <PageHeading title={t('notifications.title')} extra={<Button onClick={reload}>{t('common.refresh')}</Button>} />
      <Segmented
        style={{ marginBottom: 12 }}
        value={unread ? 'unread' : 'all'}
        options={[
          { value: 'all', label: t('common.all') },
          { value: 'unread', label: t('notifications.unreadOnly', { count: data?.unread ?? 0 }) },
        ]}
        onChange={(v) => update({ unread: v === 'unread' ? 'true' : undefined, page: undefined })}
      />
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Skeleton active />
      ) : (
        <Card>
          <NotificationList items={data?.items ?? []} onOpen={(n) => void open(n).then(reload)} />
          {(data?.total ?? 0) > 20 && (
            <Pagination
              current={page}
              pageSize={20}
              total={data?.total ?? 0}
              showSizeChanger={false}
              onChange={(p) => update({ page: p === 1 ? undefined : p })}
            />
          )}
        </Card>
      )}
    </>
  );
}
