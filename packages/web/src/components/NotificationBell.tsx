import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Badge, Button, Flex, Popover, Spin } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { warningApi, type NotificationItem, type NotificationPage } from '../api/warning';
import { useNotificationStream } from '../hooks/useNotificationStream';
import { useCan } from '../session/useCan';

// The list (Ant Design's List, with its pagination and select) loads when the bell is first opened: every
// signed-in page shows the bell, a student's phone rarely opens it.
const NotificationList = lazy(() => import('./NotificationList'));

// New notifications are pushed (useNotificationStream); the slow poll only mends what a dropped stream
// missed, such as notices read in another tab.
const POLL_MS = 60_000;

/** Opens what a notification is about and marks it read. */
export function useOpenNotification() {
  const navigate = useNavigate();
  const can = useCan();
  return useCallback(
    async (n: NotificationItem) => {
      if (!n.readAt) await warningApi.markRead(n.id).catch(() => undefined);
      if (n.alertId && can('alert.read')) await navigate('/alerts');
      else if (n.caseId && can('case.read')) await navigate(`/cases/${encodeURIComponent(n.caseId)}`);
      // A head teacher responsible for a follow-up cannot open the case, only their follow-ups.
      else if (n.caseId && can('followup.own')) await navigate('/follow-ups');
      // A teacher's reminder to a student or guardian: their own questionnaires and consent requests.
      else if (n.kind === 'screening.reminder') await navigate('/my/screenings');
      // A referral waiting for a guardian's consent, a parent-school lecture, or a counseling appointment
      // staff chose to tell them of: the guardian's family page.
      else if (
        n.kind === 'referral.consent_requested' ||
        n.kind === 'lecture.scheduled' ||
        n.kind === 'counseling.guardian_informed'
      )
        await navigate('/my/family');
      // A psychology teacher answered the student's letter.
      else if (n.kind === 'mailbox.answered') await navigate('/my/mailbox');
      // An upcoming counseling appointment: the student's bookings, or the teacher's day in the room.
      else if (n.kind === 'counseling.reminder') await navigate('/counseling');
      // A consented referral for the doctor's hospital.
      else if (n.kind === 'referral.received' && can('referral.read')) await navigate('/referrals');
    },
    [can, navigate],
  );
}

/** The header bell: unread count, the latest few notifications, and a way to all of them. */
export default function NotificationBell() {
  const { t } = useTranslation();
  const [data, setData] = useState<NotificationPage>();
  const [open, setOpen] = useState(false);
  const openNotification = useOpenNotification();

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      setData(await warningApi.notifications({ pageSize: 6 }, signal));
    } catch {
      // The bell is a hint; the notifications page reports errors.
    }
  }, []);

  useNotificationStream((e) => {
    if (e.type === 'notification') void load();
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

  const unread = data?.unread ?? 0;
  return (
    <Popover
      open={open}
      onOpenChange={(v) => {
        setOpen(v);
        if (v) void load();
      }}
      trigger="click"
      placement="bottomRight"
      title={t('notifications.title')}
      content={
        <Flex vertical style={{ width: 'min(340px, 86vw)' }}>
          <Suspense fallback={<Spin size="small" />}>
            <NotificationList
              items={data?.items ?? []}
              onOpen={(n) => {
                setOpen(false);
                void openNotification(n).then(() => load());
              }}
            />
          </Suspense>
          <Link to="/notifications" onClick={() => setOpen(false)} style={{ marginTop: 8 }}>
            {t('notifications.all')}
          </Link>
        </Flex>
      }
    >
      <Badge count={unread} size="small" offset={[-4, 4]} color="#be123c">
        <Button
          type="text"
          icon={<BellOutlined aria-hidden />}
          aria-label={t('notifications.bellLabel', { count: unread })}
          data-testid="notification-bell"
        />
      </Badge>
    </Popover>
  );
}
