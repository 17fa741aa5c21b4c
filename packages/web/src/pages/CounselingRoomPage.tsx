import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useCounselingT } from '../i18n/counseling';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { counselingApi, type CounselingDayItem, type CounselingRoom, type DutyShiftBody } from '../api/counseling';
import PageHeading from '../components/PageHeading';
import CounselingBookingPage from './CounselingBookingPage';
import CounselingRecordPage from './CounselingRecordPage';
import { LoadError } from '../components/Results';
import StudentSearch from '../components/StudentSearch';
import { useAsync } from '../hooks/useAsync';
import { useQueryParams } from '../hooks/useQueryParams';
import { useReportError } from '../hooks/useReportError';
import { chinaPickerValue, chinaToday } from '../lib/chinaTime';
import { useCan } from '../session/useCan';
import { useSignedIn } from '../session/useSession';

const STATUS_COLOR: Record<string, string> = {
  booked: 'blue',
  confirmed: 'green',
  attended: 'default',
  no_show: 'orange',
  cancelled: 'default',
};
const hhmm = (iso: string) => chinaPickerValue(iso).format('HH:mm');
const minText = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const textMin = (s: string) => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

/** 心理辅导室 for its psychology teachers: the day's appointments, walk-ins, and the weekly duty roster. */
export default function CounselingRoomPage() {
  // /counseling/records/:id and /new come here too (one chunk): the record opens from the day's list.
  const can = useCan();
  const record = /^records\/([^/]+)$/.exec(useParams()['*'] ?? '');
  if (!can('counseling.duty')) return <CounselingBookingPage />;
  return record ? <CounselingRecordPage id={record[1]!} /> : <RoomPage />;
}

function RoomPage() {
  const tc = useCounselingT();
  const { user } = useSignedIn();
  const schools = user.bindings.filter((b) => b.role === 'psych_teacher' && b.scope.level === 'school');
  const { get, update } = useQueryParams();
  const schoolId = get('schoolId') ?? schools[0]?.scope.id;
  const tab = get('tab') ?? 'day';
  if (!schoolId) return <Empty />;
  return (
    <>
      <PageHeading
        title={tc('roomTitle')}
        extra={
          schools.length > 1 && (
            <Select
              value={schoolId}
              onChange={(v) => update({ schoolId: v })}
              options={schools.map((b) => ({ value: b.scope.id, label: b.scope.name }))}
              style={{ minWidth: 200 }}
            />
          )
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k })}
        items={[
          { key: 'day', label: tc('dayTab'), children: <DayTab schoolId={schoolId} /> },
          { key: 'roster', label: tc('rosterTab'), children: <RosterTab schoolId={schoolId} /> },
          { key: 'book', label: tc('bookTab'), children: <CounselingBookingPage embedded /> },
        ]}
      />
    </>
  );
}

function DayTab({ schoolId }: { schoolId: string }) {
  const tc = useCounselingT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const reportError = useReportError();
  const { get, update } = useQueryParams();
  const date = get('date') ?? chinaToday();
  const day = useAsync((signal) => counselingApi.day({ schoolId, date }, signal), [schoolId, date]);
  const rooms = useAsync((signal) => counselingApi.rooms(schoolId, signal), [schoolId]);
  const [walkStudent, setWalkStudent] = useState<string>();

  const move = async (a: CounselingDayItem, event: 'confirm' | 'no_show' | 'cancel', informGuardians?: boolean) => {
    try {
      await counselingApi.move(a.id, event, informGuardians);
      void message.success(tc('saved'));
    } catch (e) {
      reportError(e);
    } finally {
      day.reload();
    }
  };
  const walkIn = async () => {
    const roomId = rooms.data?.items[0]?.id;
    if (!walkStudent || !roomId) return;
    try {
      const a = await counselingApi.walkIn({ studentId: walkStudent, roomId });
      void navigate(`/counseling/records/new?appointmentId=${a.id}`);
    } catch (e) {
      reportError(e);
    }
  };

  return (
    <>
      <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
        <Input
          type="date"
          aria-label={tc('col.time')}
          value={date}
          onChange={(e) => e.target.value && update({ date: e.target.value })}
          style={{ width: 170 }}
          data-testid="counseling-date"
        />
        <label htmlFor="walk-in-student">{tc('walkInStudent')}</label>
        <Space.Compact style={{ minWidth: 320 }}>
          <div style={{ flex: 1, minWidth: 220 }}>
            <StudentSearch
              id="walk-in-student"
              schoolId={schoolId}
              placeholder={tc('walkInStudent')}
              value={walkStudent}
              onChange={(v) => setWalkStudent(v)}
            />
          </div>
          <Button onClick={() => void walkIn()} disabled={!walkStudent || !rooms.data?.items.length}>
            {tc('walkIn')}
          </Button>
        </Space.Compact>
      </Flex>
      {day.error ? (
        <LoadError error={day.error} onRetry={day.reload} />
      ) : day.loading && !day.data ? (
        <Skeleton active />
      ) : (
        <Table<CounselingDayItem>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={day.data?.items ?? []}
          locale={{ emptyText: tc('noAppointments') }}
          scroll={{ x: 720 }}
          onRow={(a) => ({ 'data-testid': `appointment-${a.student.name}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: tc('col.time'), render: (_, a) => `${hhmm(a.startsAt)}–${hhmm(a.endsAt)}` },
            {
              title: tc('col.student'),
              render: (_, a) => (
                <>
                  {a.student.name} <Typography.Text type="secondary">{a.student.className}</Typography.Text>
                </>
              ),
            },
            {
              title: tc('col.teacher'),
              render: (_, a) => (
                <>
                  {a.teacherName} {a.mine && <Tag color="purple">{tc('mine')}</Tag>}
                </>
              ),
            },
            {
              title: tc('col.status'),
              render: (_, a) => (
                <Tag color={STATUS_COLOR[a.status]}>
                  {tc(a.kind === 'walk_in' ? 'walkInTag' : `status.${a.status}`)}
                </Tag>
              ),
            },
            {
              title: tc('col.actions'),
              render: (_, a) => (
                <Space wrap>
                  {a.status === 'booked' && <ConfirmAppointment onConfirm={(inform) => move(a, 'confirm', inform)} />}
                  {(a.status === 'booked' || a.status === 'confirmed') && (
                    <>
                      <Button size="small" onClick={() => void move(a, 'no_show')}>
                        {tc('noShow')}
                      </Button>
                      <Button size="small" onClick={() => void move(a, 'cancel')}>
                        {tc('cancel')}
                      </Button>
                    </>
                  )}
                  {a.recordId ? (
                    <Link to={`/counseling/records/${a.recordId}`}>{tc('viewRecord')}</Link>
                  ) : (
                    a.status !== 'cancelled' &&
                    a.status !== 'no_show' && (
                      <Button
                        size="small"
                        type="primary"
                        data-testid="write-record"
                        onClick={() => void navigate(`/counseling/records/new?appointmentId=${a.id}`)}
                      >
                        {tc('writeRecord')}
                      </Button>
                    )
                  )}
                  {a.caseId && <Link to={`/cases/${a.caseId}`}>{tc('openCaseLink')}</Link>}
                </Space>
              ),
            },
          ]}
        />
      )}
    </>
  );
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

function RosterTab({ schoolId }: { schoolId: string }) {
  const tc = useCounselingT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const rooms = useAsync((signal) => counselingApi.rooms(schoolId, signal), [schoolId]);
  const [form] = Form.useForm<{ name: string; location?: string }>();

  const addRoom = async (v: { name: string; location?: string }) => {
    try {
      await counselingApi.createRoom({ schoolId, name: v.name, location: v.location });
      form.resetFields();
      rooms.reload();
    } catch (e) {
      reportError(e, form);
    }
  };
  if (rooms.error) return <LoadError error={rooms.error} onRetry={rooms.reload} />;
  if (!rooms.data) return <Skeleton active />;
  const teachers = rooms.data.teachers;
  return (
    <>
      {rooms.data.items.map((room) => (
        <RoomRoster
          key={room.id}
          room={room}
          teachers={teachers}
          onSaved={() => {
            void message.success(tc('saved'));
            rooms.reload();
          }}
          onError={(e) => reportError(e)}
        />
      ))}
      <Card size="small" title={tc('addRoom')}>
        <Form form={form} layout="inline" onFinish={(v) => void addRoom(v)}>
          <Form.Item name="name" rules={[{ required: true, message: tc('roomNameRequired') }]}>
            <Input placeholder={tc('roomName')} maxLength={60} />
          </Form.Item>
          <Form.Item name="location">
            <Input placeholder={tc('location')} maxLength={120} />
          </Form.Item>
          <Button htmlType="submit">{tc('addRoom')}</Button>
        </Form>
      </Card>
    </>
  );
}

type Row = Omit<DutyShiftBody, 'startMin' | 'endMin'> & { key: number; start: string; end: string };

function RoomRoster({
  room,
  teachers,
  onSaved,
  onError,
}: {
  room: CounselingRoom;
  teachers: Array<{ id: string; name: string }>;
  onSaved: () => void;
  onError: (e: unknown) => void;
}) {
  const tc = useCounselingT();
  const [rows, setRows] = useState<Row[]>(() =>
    room.shifts.map((s, i) => ({
      key: i,
      weekday: s.weekday,
      start: minText(s.startMin),
      end: minText(s.endMin),
      slotMinutes: s.slotMinutes,
      teacherId: s.teacherId,
    })),
  );
  const [saving, setSaving] = useState(false);
  const set = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const hours = rows.reduce((sum, r) => sum + Math.max(0, (textMin(r.end) - textMin(r.start)) / 60 || 0), 0);
  const save = async () => {
    setSaving(true);
    try {
      await counselingApi.saveRoster(
        room.id,
        rows.map(({ weekday, start, end, slotMinutes, teacherId }) => ({
          weekday,
          startMin: textMin(start) || 0,
          endMin: textMin(end) || 0,
          slotMinutes,
          teacherId,
        })),
      );
      onSaved();
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={`${room.name}${room.location ? ` · ${room.location}` : ''}`}
      extra={<Typography.Text type="secondary">{tc('weeklyHours', { hours: hours.toFixed(1) })}</Typography.Text>}
    >
      <Table<Row>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 640 }}
        columns={[
          {
            title: tc('col.weekday'),
            render: (_, r) => (
              <Select
                value={r.weekday}
                onChange={(v) => set(r.key, { weekday: v })}
                options={WEEKDAYS.map((d) => ({ value: d, label: tc(`weekday.${d}`) }))}
                style={{ width: 90 }}
              />
            ),
          },
          {
            title: tc('col.from'),
            render: (_, r) => (
              <Input value={r.start} onChange={(e) => set(r.key, { start: e.target.value })} style={{ width: 80 }} />
            ),
          },
          {
            title: tc('col.to'),
            render: (_, r) => (
              <Input value={r.end} onChange={(e) => set(r.key, { end: e.target.value })} style={{ width: 80 }} />
            ),
          },
          {
            title: tc('col.slot'),
            render: (_, r) => (
              <Input
                type="number"
                min={10}
                max={180}
                value={r.slotMinutes}
                onChange={(e) => set(r.key, { slotMinutes: Number(e.target.value) || 30 })}
                style={{ width: 80 }}
              />
            ),
          },
          {
            title: tc('col.teacher'),
            render: (_, r) => (
              <Select
                value={r.teacherId}
                onChange={(v) => set(r.key, { teacherId: v })}
                options={teachers.map((x) => ({ value: x.id, label: x.name }))}
                style={{ minWidth: 120 }}
              />
            ),
          },
          {
            title: '',
            render: (_, r) => (
              <Button size="small" danger onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                {tc('remove')}
              </Button>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button
          onClick={() =>
            setRows((rs) => [
              ...rs,
              {
                key: Math.max(-1, ...rs.map((r) => r.key)) + 1,
                weekday: 1,
                start: '12:00',
                end: '13:00',
                slotMinutes: 30,
                teacherId: teachers[0]?.id ?? '',
              },
            ])
          }
        >
          {tc('addShift')}
        </Button>
        <Button type="primary" loading={saving} onClick={() => void save()}>
          {tc('saveRoster')}
        </Button>
      </Space>
      <DutyLog room={room} onSaved={onSaved} onError={onError} />
    </Card>
  );
}

/**
 * 值班记录: the days the room did not open. They close the day's slots and count out of the room's real
 * opening hours in the supervision figures; a mark made by mistake is taken back.
 */
function DutyLog({
  room,
  onSaved,
  onError,
}: {
  room: CounselingRoom;
  onSaved: () => void;
  onError: (e: unknown) => void;
}) {
  const tc = useCounselingT();
  const [date, setDate] = useState(chinaToday());
  const [busy, setBusy] = useState(false);
  const mark = async (day: string, open: boolean) => {
    setBusy(true);
    try {
      await counselingApi.setDutyLog(room.id, { date: day, open });
      onSaved();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  const inputId = `duty-log-${room.id}`;
  return (
    <div style={{ marginTop: 16 }} data-testid="duty-log">
      <Typography.Text strong>{tc('dutyLog.title')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
        {tc('dutyLog.hint')}
      </Typography.Paragraph>
      <Space wrap>
        <label htmlFor={inputId}>{tc('dutyLog.date')}</label>
        <Input id={inputId} type="date" value={date} onChange={(e) => setDate(e.target.value)} style={{ width: 170 }} />
        <Button loading={busy} disabled={!date} onClick={() => void mark(date, false)} data-testid="duty-log-close">
          {tc('dutyLog.close')}
        </Button>
      </Space>
      <div style={{ marginTop: 8 }}>
        {room.closedDays.length === 0 ? (
          <Typography.Text type="secondary">{tc('dutyLog.none')}</Typography.Text>
        ) : (
          <Flex wrap gap={6}>
            {room.closedDays.map((d) => (
              <Tag
                key={d}
                closable
                closeIcon={<span aria-label={tc('dutyLog.reopen', { date: d })}>×</span>}
                onClose={(e) => {
                  e.preventDefault();
                  void mark(d, true);
                }}
              >
                {d}
              </Tag>
            ))}
          </Flex>
        )}
      </div>
    </div>
  );
}

/** Confirming asks once whether to tell the student's guardians of the time and room (off unless ticked). */
function ConfirmAppointment({ onConfirm }: { onConfirm: (informGuardians: boolean) => Promise<void> }) {
  const tc = useCounselingT();
  const [inform, setInform] = useState(false);
  return (
    <Popconfirm
      title={tc('informGuardians.confirmTitle')}
      description={
        <div style={{ maxWidth: 280 }}>
          <Checkbox checked={inform} onChange={(e) => setInform(e.target.checked)} data-testid="inform-guardians">
            {tc('informGuardians.label')}
          </Checkbox>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {tc('informGuardians.hint')}
          </Typography.Text>
        </div>
      }
      okText={tc('confirm')}
      onOpenChange={(open) => {
        if (open) setInform(false);
      }}
      onConfirm={() => onConfirm(inform)}
    >
      <Button size="small" data-testid="confirm-appointment">
        {tc('confirm')}
      </Button>
    </Popconfirm>
  );
}
