import '../i18n/cases';
import { useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Radio,
  Skeleton,
  Table,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { instrumentShortName } from '@yuxin/core';
import { chinaNow, chinaPickerValue, pickedInstant } from '../lib/chinaTime';
import { useTranslation } from 'react-i18next';
import { casesApi, type ReferralItem, type ReferralPacket } from '../api/cases';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import StatusTag from '../components/StatusTag';
import { useAsync } from '../hooks/useAsync';
import { useQueryParams } from '../hooks/useQueryParams';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { formatDate, formatDateTime } from '../lib/format';

/**
 * The hospital's record of an admission: the dates, and at discharge the summary and the number of the
 * return-to-school certificate (the school then does not type it). Sent again to add the discharge.
 */
function StayForm({ id, stay, onSaved }: { id: string; stay: ReferralPacket['stay']; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<{
    admittedAt: Dayjs;
    dischargedAt?: Dayjs;
    dischargeSummary?: string;
    certificateRef?: string;
  }>();
  const [busy, setBusy] = useState(false);
  const send = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await casesApi.recordStay(id, {
        admittedAt: pickedInstant(v.admittedAt),
        ...(v.dischargedAt ? { dischargedAt: pickedInstant(v.dischargedAt) } : {}),
        ...(v.dischargeSummary?.trim() ? { dischargeSummary: v.dischargeSummary.trim() } : {}),
        ...(v.certificateRef?.trim() ? { certificateRef: v.certificateRef.trim() } : {}),
      });
      void message.success(t('cases.saved'));
      onSaved();
    } catch (e) {
      reportError(e, form);
    } finally {
      setBusy(false);
    }
  };
  const picked = (iso: string | null | undefined) => (iso ? chinaPickerValue(iso) : undefined);
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
        {t('cases.stayTitle')}
      </Typography.Title>
      <Form form={form} layout="vertical" data-testid="hospital-stay">
        <Form.Item
          name="admittedAt"
          label={t('cases.admittedAt')}
          initialValue={picked(stay?.admittedAt) ?? chinaNow()}
          rules={[{ required: true, message: t('common.required', { field: t('cases.admittedAt') }) }]}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item name="dischargedAt" label={t('cases.dischargedAt')} initialValue={picked(stay?.dischargedAt)}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="dischargeSummary" label={t('cases.dischargeSummary')} initialValue={stay?.dischargeSummary}>
          <Input.TextArea rows={4} maxLength={8000} />
        </Form.Item>
        <Form.Item
          name="certificateRef"
          label={t('cases.hospitalCertificate')}
          extra={t('cases.hospitalCertificateHint')}
          initialValue={stay?.certificateRef}
        >
          <Input maxLength={120} />
        </Form.Item>
        <Button loading={busy} onClick={() => void send()} data-testid="referral-stay">
          {t('cases.saveStay')}
        </Button>
      </Form>
    </>
  );
}

/** The referral packet (reason, recent screening, case summary) and the doctor's feedback form. */
function Packet({ id, onSaved }: { id: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<{ visitedAt: Dayjs; recommendation: string; admitted: boolean }>();
  const [busy, setBusy] = useState(false);
  const { data: p, error, loading, reload } = useAsync((signal) => casesApi.referral(id, signal), [id]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading || !p) return <Skeleton active />;
  const send = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await casesApi.feedback(id, {
        visitedAt: pickedInstant(v.visitedAt),
        recommendation: v.recommendation,
        admitted: v.admitted,
      });
      void message.success(t('cases.saved'));
      reload();
      onSaved();
    } catch (e) {
      reportError(e, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: 'student',
            label: t('cases.student'),
            children: `${p.student.name}（${t(`gender.${p.student.gender}`, { defaultValue: p.student.gender })}${p.student.birthDate ? `，${formatDate(p.student.birthDate, locale)}` : ''}）`,
          },
          { key: 'school', label: t('cases.school'), children: p.schoolName },
          {
            key: 'reason',
            label: t('cases.referralReason'),
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.reason}</span>,
          },
          {
            key: 'summary',
            label: t('cases.summary'),
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.summary}</span>,
          },
          {
            key: 'screening',
            label: t('cases.recentScreening'),
            children: p.screening.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {p.screening.map((s, i) => (
                  <li key={i}>
                    {instrumentShortName(s.instrument)} {s.total ?? '—'} {s.bandLabel ?? s.band ?? ''}{' '}
                    {s.critical ? `· ${t('cases.critical')}` : ''} · {formatDate(s.at, locale)}
                  </li>
                ))}
              </ul>
            ) : (
              t('common.none')
            ),
          },
          ...(p.stay
            ? [
                {
                  key: 'stay',
                  label: t('cases.stayTitle'),
                  children: `${formatDate(p.stay.admittedAt, locale)} – ${
                    p.stay.dischargedAt ? formatDate(p.stay.dischargedAt, locale) : t('cases.stillAdmitted')
                  }${p.stay.certificateRef ? ` · ${p.stay.certificateRef}` : ''}`,
                },
              ]
            : []),
          ...(p.feedback
            ? [
                {
                  key: 'feedback',
                  label: t('cases.feedback'),
                  children: `${p.feedback.recommendation ?? ''}（${p.feedback.admitted ? t('cases.admitted') : t('cases.notAdmitted')}，${formatDateTime(p.feedback.at, locale)}）`,
                },
              ]
            : []),
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
        {t('cases.feedbackTitle')}
      </Typography.Title>
      <Form form={form} layout="vertical">
        <Form.Item
          name="visitedAt"
          label={t('cases.visitedAt')}
          rules={[{ required: true, message: t('common.required', { field: t('cases.visitedAt') }) }]}
        >
          <DatePicker showTime />
        </Form.Item>
        <Form.Item
          name="recommendation"
          label={t('cases.recommendation')}
          rules={[{ required: true, message: t('common.required', { field: t('cases.recommendation') }) }]}
        >
          <Input.TextArea rows={4} maxLength={8000} />
        </Form.Item>
        <Form.Item name="admitted" label={t('cases.admittedQuestion')} initialValue={false}>
          <Radio.Group
            options={[
              { value: false, label: t('cases.notAdmitted') },
              { value: true, label: t('cases.admitted') },
            ]}
          />
        </Form.Item>
        <Button type="primary" loading={busy} onClick={() => void send()} data-testid="referral-feedback">
          {t('cases.sendFeedback')}
        </Button>
      </Form>
      {p.feedback?.admitted && <StayForm id={id} stay={p.stay} onSaved={reload} />}
    </>
  );
}

/** 转介: students referred to the doctor's hospital whose guardian has consented; nothing else. */
export default function ReferralsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { get, getInt, update } = useQueryParams();
  const page = getInt('page', 1);
  const openId = get('open');
  const { data, error, loading, reload } = useAsync((signal) => casesApi.referrals(page, signal), [page]);
  return (
    <>
      <PageHeading title={t('nav.referrals')} />
      <Typography.Paragraph style={{ maxWidth: 760, color: 'rgba(0,0,0,0.72)' }}>
        {t('cases.referralsIntro')}
      </Typography.Paragraph>
      <Card>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<ReferralItem>
            rowKey="id"
            loading={loading}
            dataSource={data?.items ?? []}
            locale={{ emptyText: t('cases.noReferrals') }}
            pagination={{
              current: page,
              pageSize: 20,
              total: data?.total ?? 0,
              showSizeChanger: false,
              onChange: (p) => update({ page: p === 1 ? undefined : p }),
            }}
            columns={[
              {
                title: t('cases.student'),
                key: 'student',
                render: (_, r) => (
                  <Button type="link" style={{ padding: 0 }} onClick={() => update({ open: r.id })}>
                    {r.student.name}
                  </Button>
                ),
              },
              { title: t('cases.school'), key: 'school', dataIndex: 'schoolName' },
              {
                title: t('cases.stateLabel'),
                key: 'status',
                render: (_, r) => (
                  <StatusTag tone={r.status === 'sent' ? 'warn' : 'neutral'}>
                    {t(`cases.referralStatus.${r.status}`, { defaultValue: r.status })}
                  </StatusTag>
                ),
              },
              {
                title: t('cases.consent'),
                key: 'consent',
                render: (_, r) => formatDateTime(r.consentRecordedAt, locale),
              },
            ]}
          />
        )}
      </Card>
      <Drawer
        open={!!openId}
        width={640}
        title={t('cases.packet')}
        onClose={() => update({ open: undefined })}
        destroyOnHidden
      >
        {openId && <Packet id={openId} onSaved={reload} />}
      </Drawer>
    </>
  );
}
