import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Flex, Form, Popconfirm, Select, Skeleton, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import '../i18n/hotline';
import { hotlineApi, type ShiftBoard } from '../api/hotline';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import StatusTag from '../components/StatusTag';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { chinaNow, chinaToday, pickedDay, pickedInstant } from '../lib/chinaTime';
import { formatShortDateTime } from '../lib/format';

const DAYS = 7;
const DAY_MS = 86_400_000;

interface ShiftForm {
  counselorId: string;
  startsAt: Dayjs;
  endsAt: Dayjs;
}

/** One day as a 24-hour bar: shifts in green, gaps in red, so an uncovered night stands out. */
function DayBar({ board, dayStart }: { board: ShiftBoard; dayStart: number }) {
  const dayEnd = dayStart + DAY_MS;
  const part = (s: string, e: string) => {
    const a = Math.max(Date.parse(s), dayStart);
    const b = Math.min(Date.parse(e), dayEnd);
    return b > a ? { left: ((a - dayStart) / DAY_MS) * 100, width: ((b - a) / DAY_MS) * 100 } : null;
  };
  const segments = [
    ...board.shifts.map((s) => ({ key: s.id, gap: false, p: part(s.startsAt, s.endsAt) })),
    ...board.gaps.map((g) => ({ key: `gap-${g.startsAt}`, gap: true, p: part(g.startsAt, g.endsAt) })),
  ].filter((x) => x.p);
  return (
    <div
      aria-hidden
      style={{ position: 'relative', height: 14, background: '#f1f5f9', borderRadius: 4, overflow: 'hidden' }}
    >
      {segments.map((x) => (
        <div
          key={x.key}
          style={{
            position: 'absolute',
            top: 0,
            bottom: 0,
            left: `${x.p!.left}%`,
            width: `${x.p!.width}%`,
            background: x.gap ? '#e11d48' : '#0f766e',
            opacity: x.gap ? 0.85 : 0.6,
          }}
        />
      ))}
    </div>
  );
}

/** The centre's shift board: a week of 24-hour coverage with its gaps, shifts added and removed here. */
export default function HotlineShiftsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const locale = currentLocale();
  const [from, setFrom] = useState(chinaToday());
  const [form] = Form.useForm<ShiftForm>();
  const [busy, setBusy] = useState(false);
  const { data, error, loading, reload } = useAsync((signal) => hotlineApi.shifts(from, DAYS, signal), [from]);

  const add = async (v: ShiftForm) => {
    setBusy(true);
    try {
      await hotlineApi.addShift({
        counselorId: v.counselorId,
        startsAt: pickedInstant(v.startsAt),
        endsAt: pickedInstant(v.endsAt),
      });
      void message.success(t('hotline:shifts.added'));
      form.resetFields(['startsAt', 'endsAt']);
      reload();
    } catch (e) {
      reportError(e, form);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (id: string) => {
    try {
      await hotlineApi.removeShift(id);
      void message.success(t('hotline:shifts.removed'));
      reload();
    } catch (e) {
      reportError(e);
    }
  };

  const start = data ? Date.parse(data.from) : 0;
  const days = data ? Array.from({ length: DAYS }, (_, i) => start + i * DAY_MS) : [];
  const within = (s: string, e: string, d: number) => Date.parse(s) < d + DAY_MS && Date.parse(e) > d;

  return (
    <>
      <PageHeading title={t('hotline:shifts.title')} />
      <Typography.Paragraph style={{ maxWidth: 760, color: 'rgba(0,0,0,0.72)' }}>
        {t('hotline:shifts.intro')}
      </Typography.Paragraph>
      <Flex gap={8} align="center" style={{ marginBottom: 16 }} wrap>
        <span>{t('hotline:shifts.from')}</span>
        <DatePicker
          value={dayjs(from)}
          allowClear={false}
          onChange={(d) => d && setFrom(pickedDay(d))}
          aria-label={t('hotline:shifts.from')}
        />
        {data && (
          <span data-testid="shift-gap-count">
            {data.gaps.length === 0 ? (
              <StatusTag tone="good">{t('hotline:shifts.coverage')}</StatusTag>
            ) : (
              <StatusTag tone="bad">{t('hotline:shifts.gaps', { n: data.gaps.length })}</StatusTag>
            )}
          </span>
        )}
      </Flex>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Skeleton active />
      ) : data ? (
        <Flex vertical gap={16}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('hotline:shifts.add')}</h2>} size="small">
            <Form<ShiftForm>
              form={form}
              layout="inline"
              onFinish={(v) => void add(v)}
              initialValues={{ counselorId: data.counselors[0]?.id, startsAt: chinaNow().startOf('hour') }}
              style={{ rowGap: 8 }}
            >
              <Form.Item name="counselorId" label={t('hotline:shifts.counselor')} rules={[{ required: true }]}>
                <Select
                  style={{ minWidth: 160 }}
                  options={data.counselors.map((c) => ({ value: c.id, label: c.name }))}
                />
              </Form.Item>
              <Form.Item name="startsAt" label={t('hotline:shifts.startsAt')} rules={[{ required: true }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" inputReadOnly />
              </Form.Item>
              <Form.Item name="endsAt" label={t('hotline:shifts.endsAt')} rules={[{ required: true }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" inputReadOnly />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="shift-add">
                {t('hotline:shifts.add')}
              </Button>
            </Form>
          </Card>
          {days.map((d) => {
            const shifts = data.shifts.filter((s) => within(s.startsAt, s.endsAt, d));
            const gaps = data.gaps.filter((g) => within(g.startsAt, g.endsAt, d));
            return (
              <Card key={d} size="small" data-testid="shift-day">
                <Flex vertical gap={8}>
                  <strong>{formatShortDateTime(new Date(d).toISOString(), locale).split(' ')[0]}</strong>
                  <DayBar board={data} dayStart={d} />
                  {shifts.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hotline:shifts.noShifts')} />
                  ) : (
                    shifts.map((s) => (
                      <Flex key={s.id} justify="space-between" align="center" gap={8}>
                        <span>
                          {s.counselor.name} · {formatShortDateTime(s.startsAt, locale)} –{' '}
                          {formatShortDateTime(s.endsAt, locale)}
                        </span>
                        <Popconfirm title={t('hotline:shifts.removeConfirm')} onConfirm={() => void remove(s.id)}>
                          <Button size="small">{t('hotline:shifts.remove')}</Button>
                        </Popconfirm>
                      </Flex>
                    ))
                  )}
                  {gaps.map((g) => (
                    <Typography.Text key={g.startsAt} style={{ color: '#9f1239' }}>
                      {t('hotline:shifts.gap', {
                        from: formatShortDateTime(g.startsAt, locale),
                        to: formatShortDateTime(g.endsAt, locale),
                      })}
                    </Typography.Text>
                  ))}
                </Flex>
              </Card>
            );
          })}
        </Flex>
      ) : null}
    </>
  );
}
