import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { useCounselingT } from '../i18n/counseling';
import { counselingApi, type CounselingAppointment, type CounselingSlot } from '../api/counseling';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import StudentSearch from '../components/StudentSearch';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { chinaPickerValue } from '../lib/chinaTime';
import { formatDate, formatShortDateTime } from '../lib/format';
import { useSignedIn } from '../session/useSession';

const STATUS_COLOR: Record<string, string> = {
  booked: 'blue',
  confirmed: 'green',
  attended: 'default',
  no_show: 'orange',
  cancelled: 'default',
};
const hhmm = (iso: string) => chinaPickerValue(iso).format('HH:mm');

/**
 * 预约心理辅导: a student books a free slot of their school's counseling room on the phone and sees their own
 * bookings; a head teacher or psychology teacher books the same way for a student they choose.
 */
export default function CounselingBookingPage({ embedded = false }: { embedded?: boolean }) {
  const tc = useCounselingT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const { user } = useSignedIn();
  const locale = currentLocale();
  const self = user.bindings.find((b) => b.role === 'student' && b.scope.level === 'person')?.scope.id;
  const [chosen, setChosen] = useState<string>();
  const studentId = self ?? chosen;
  const [picked, setPicked] = useState<CounselingSlot | null>(null);
  // A booking being moved: the next slot picked is its new time, not a new booking.
  const [moving, setMoving] = useState<CounselingAppointment | null>(null);
  const [busy, setBusy] = useState(false);
  // Staff only and off unless ticked: a student's own booking may be confidential and is never told.
  const [informGuardians, setInformGuardians] = useState(false);
  const slots = useAsync((signal) => counselingApi.slots(studentId!, signal), [studentId], !!studentId);
  const mine = useAsync((signal) => counselingApi.appointments(studentId!, signal), [studentId], !!studentId);
  const reload = () => {
    slots.reload();
    mine.reload();
  };

  const book = async () => {
    if (!picked || !studentId) return;
    setBusy(true);
    try {
      if (moving) {
        await counselingApi.reschedule(moving.id, {
          roomId: picked.roomId,
          startsAt: picked.startsAt,
          ...(self ? {} : { informGuardians }),
        });
        void message.success(tc('reschedule.done'));
        setMoving(null);
      } else {
        await counselingApi.book({
          studentId,
          roomId: picked.roomId,
          startsAt: picked.startsAt,
          ...(self ? {} : { informGuardians }),
        });
        void message.success(tc('booked'));
      }
      setPicked(null);
      setInformGuardians(false);
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
      reload();
    }
  };
  const cancel = async (id: string) => {
    try {
      await counselingApi.move(id, 'cancel');
      void message.success(tc('cancelled'));
    } catch (e) {
      reportError(e);
    } finally {
      reload();
    }
  };

  const days = new Map<string, CounselingSlot[]>();
  for (const s of slots.data?.items ?? []) {
    const d = chinaPickerValue(s.startsAt).format('YYYY-MM-DD');
    days.set(d, [...(days.get(d) ?? []), s]);
  }
  const headTeacher = user.bindings.some((b) => b.role === 'head_teacher');
  const upcoming = (mine.data?.items ?? []).filter((a) => a.status === 'booked' || a.status === 'confirmed');
  const past = (mine.data?.items ?? []).filter((a) => !upcoming.includes(a));

  return (
    <div style={{ maxWidth: 640 }}>
      {!embedded && <PageHeading title={tc('bookTitle')} />}
      <Typography.Paragraph type="secondary">{tc(self ? 'bookIntro' : 'bookIntroStaff')}</Typography.Paragraph>
      {headTeacher && <ReceivedKeyFeedback />}
      {!self && (
        <div style={{ marginBottom: 16 }}>
          <label htmlFor="counseling-student" style={{ display: 'block', marginBottom: 4 }}>
            {tc('pickStudent')}
          </label>
          <StudentSearch
            id="counseling-student"
            placeholder={tc('pickStudent')}
            value={chosen}
            onChange={(v) => {
              setChosen(v);
              setMoving(null);
              setPicked(null);
            }}
            testId="counseling-student"
          />
        </div>
      )}
      {studentId && (
        <>
          <Card size="small" title={tc('myBookings')} style={{ marginBottom: 16 }} data-testid="my-bookings">
            {mine.error ? (
              <LoadError error={mine.error} onRetry={mine.reload} />
            ) : mine.loading && !mine.data ? (
              <Skeleton active />
            ) : upcoming.length === 0 && past.length === 0 ? (
              <Empty description={tc('noBookings')} />
            ) : (
              <List
                size="small"
                dataSource={[...upcoming, ...past.slice(0, 5)]}
                renderItem={(a) => (
                  <List.Item
                    data-testid="booking"
                    actions={
                      a.status === 'booked' || a.status === 'confirmed'
                        ? [
                            <Button
                              key="reschedule"
                              size="small"
                              type={moving?.id === a.id ? 'primary' : 'default'}
                              onClick={() => {
                                setMoving(moving?.id === a.id ? null : a);
                                setPicked(null);
                              }}
                              data-testid="reschedule"
                              style={{ minHeight: 32 }}
                            >
                              {tc(moving?.id === a.id ? 'reschedule.stop' : 'reschedule.action')}
                            </Button>,
                            <Button key="cancel" size="small" onClick={() => void cancel(a.id)}>
                              {tc('cancel')}
                            </Button>,
                          ]
                        : []
                    }
                  >
                    <List.Item.Meta
                      title={`${formatShortDateTime(a.startsAt, locale)}–${hhmm(a.endsAt)}`}
                      description={`${a.roomName}${a.location ? ` · ${a.location}` : ''}${a.teacherName ? ` · ${a.teacherName}` : ''}`}
                    />
                    <Tag color={STATUS_COLOR[a.status]}>{tc(`status.${a.status}`)}</Tag>
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card size="small" title={tc('chooseTime')}>
            {moving && (
              <Alert
                type="warning"
                message={`${formatShortDateTime(moving.startsAt, locale)} → ${tc('reschedule.pick')}`}
                style={{ marginBottom: 12 }}
                data-testid="reschedule-banner"
              />
            )}
            {slots.error ? (
              <LoadError error={slots.error} onRetry={slots.reload} />
            ) : slots.loading && !slots.data ? (
              <Skeleton active />
            ) : days.size === 0 ? (
              <Empty description={tc('noSlots')} />
            ) : (
              [...days].map(([day, list]) => (
                <div key={day} style={{ marginBottom: 12 }}>
                  <Typography.Text strong>{formatDate(list[0]!.startsAt, locale)}</Typography.Text>
                  <Flex wrap gap={8} style={{ marginTop: 6 }}>
                    {list.map((s) => (
                      <Button
                        key={`${s.roomId}|${s.startsAt}`}
                        type={picked?.startsAt === s.startsAt && picked.roomId === s.roomId ? 'primary' : 'default'}
                        onClick={() => setPicked(s)}
                        data-testid="slot"
                        style={{ minHeight: 44 }}
                      >
                        {hhmm(s.startsAt)} · {s.teacherName}
                      </Button>
                    ))}
                  </Flex>
                </div>
              ))
            )}
          </Card>
          {picked && (
            <div style={{ position: 'sticky', bottom: 0, background: '#fff', padding: '12px 0' }}>
              <Alert
                type="info"
                message={tc(moving ? 'reschedule.confirmText' : 'confirmText', {
                  time: `${formatShortDateTime(picked.startsAt, locale)}–${hhmm(picked.endsAt)}`,
                  room: picked.roomName,
                  teacher: picked.teacherName,
                })}
                style={{ marginBottom: 8 }}
              />
              {!self && (
                <div style={{ marginBottom: 8 }}>
                  <Checkbox
                    checked={informGuardians}
                    onChange={(e) => setInformGuardians(e.target.checked)}
                    data-testid="inform-guardians"
                  >
                    {tc('informGuardians.label')}
                  </Checkbox>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {tc('informGuardians.hint')}
                  </Typography.Text>
                </div>
              )}
              <Button
                type="primary"
                block
                size="large"
                loading={busy}
                onClick={() => void book()}
                data-testid="confirm-booking"
              >
                {tc(moving ? 'reschedule.confirm' : 'book')}
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** The psychology teachers' 重点反馈 about students of the head teacher's class (reading it is audited). */
function ReceivedKeyFeedback() {
  const tc = useCounselingT();
  const locale = currentLocale();
  const list = useAsync((signal) => counselingApi.keyFeedback(signal), []);
  const received = (list.data?.items ?? []).filter((f) => !f.sentByMe);
  return (
    <Card size="small" title={tc('feedback.received')} style={{ marginBottom: 16 }} data-testid="key-feedback-received">
      {list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : list.loading && !list.data ? (
        <Skeleton active />
      ) : received.length === 0 ? (
        <Empty description={tc('feedback.none')} />
      ) : (
        <List
          size="small"
          dataSource={received}
          renderItem={(f) => (
            <List.Item data-testid="key-feedback-item">
              <List.Item.Meta
                title={`${f.student.name} · ${f.student.className}`}
                description={tc('feedback.from', {
                  name: f.sentByName,
                  time: formatShortDateTime(f.sentAt, locale),
                })}
              />
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap', flex: 2 }}>
                {f.note}
              </Typography.Paragraph>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
