import '../i18n/cases';
import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Segmented, Select, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { casesApi, type CaseSummary } from '../api/cases';
import { screeningApi } from '../api/screening';
import { CaseStateTag, RiskTag } from '../components/cases/CaseTags';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { useQueryParams } from '../hooks/useQueryParams';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { formatShortDateTime } from '../lib/format';
import { useCan } from '../session/useCan';

type View = 'mine' | 'active' | 'approvals' | 'closed';
const VIEWS: View[] = ['mine', 'active', 'approvals', 'closed'];

/** Opens a case from one or more open alerts of the same student. */
function OpenCaseModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const reportError = useReportError();
  const [form] = Form.useForm<{ alertIds: string[]; note?: string }>();
  const [busy, setBusy] = useState(false);
  const alerts = useAsync(
    (signal) => screeningApi.alerts({ inActiveCase: false, page: 1, pageSize: 100 }, signal),
    [],
    open,
  );
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await casesApi.open(v.alertIds, v.note);
      await navigate(`/cases/${encodeURIComponent(r.id)}`);
    } catch (e) {
      reportError(e, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('cases.openTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('cases.openSubmit')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="alertIds"
          label={t('cases.fromAlerts')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('cases.fromAlerts') }) }]}
        >
          <Select
            mode="multiple"
            loading={alerts.loading}
            options={(alerts.data?.items ?? []).map((a) => ({
              value: a.id,
              label: `${a.studentName} · ${a.gradeName}${a.className} · ${t(`alerts.urgency.${a.urgency}`, { defaultValue: a.urgency })} · ${formatShortDateTime(a.createdAt, currentLocale())}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('cases.note')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 我的个案: the psychology teacher's cases; the leader's approvals; every case of the school. */
export default function CasesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { get, getInt, update } = useQueryParams();
  const view =
    (get('view') as View | undefined) ?? (can('case.manage') ? 'mine' : can('case.approve') ? 'approvals' : 'active');
  const page = getInt('page', 1);
  const [opening, setOpening] = useState(false);
  const { data, error, loading, reload } = useAsync(
    (signal) =>
      casesApi.list(
        {
          mine: view === 'mine' ? true : undefined,
          active: view === 'mine' || view === 'active' ? true : undefined,
          state: view === 'approvals' ? 'closing' : view === 'closed' ? 'closed' : undefined,
          page,
          pageSize: 20,
        },
        signal,
      ),
    [view, page],
  );
  const locale = currentLocale();

  return (
    <>
      <PageHeading
        title={t('cases.title')}
        extra={
          can('case.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setOpening(true)}
              data-testid="case-open"
            >
              {t('cases.open')}
            </Button>
          )
        }
      />
      <Typography.Paragraph style={{ maxWidth: 760, color: 'rgba(0,0,0,0.72)' }}>
        {t('cases.intro')}
      </Typography.Paragraph>
      <Card>
        <Segmented
          aria-label={t('cases.view')}
          value={view}
          options={VIEWS.filter((v) => v !== 'mine' || can('case.manage')).map((v) => ({
            value: v,
            label: t(`cases.views.${v}`),
          }))}
          onChange={(v) => update({ view: String(v), page: undefined })}
          style={{ marginBottom: 16 }}
        />
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<CaseSummary>
            rowKey="id"
            loading={loading}
            dataSource={data?.items ?? []}
            locale={{ emptyText: t('cases.empty') }}
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
                render: (_, c) => (
                  <Link to={`/cases/${encodeURIComponent(c.id)}`} data-testid="case-link">
                    {c.student.name}
                  </Link>
                ),
              },
              {
                title: t('cases.class'),
                key: 'class',
                render: (_, c) => `${c.student.gradeName}${c.student.className}`,
              },
              { title: t('cases.stateLabel'), key: 'state', render: (_, c) => <CaseStateTag state={c.state} /> },
              { title: t('cases.riskLabel'), key: 'risk', render: (_, c) => <RiskTag level={c.riskLevel} /> },
              {
                title: t('cases.followUps'),
                key: 'followUps',
                render: (_, c) =>
                  c.overdueFollowUps > 0 ? (
                    <span style={{ color: '#9f1239', fontWeight: 600 }}>
                      {t('cases.overdueCount', { n: c.overdueFollowUps, open: c.openFollowUps })}
                    </span>
                  ) : (
                    t('cases.openCount', { n: c.openFollowUps })
                  ),
              },
              {
                title: t('cases.updatedAt'),
                key: 'updatedAt',
                render: (_, c) => formatShortDateTime(c.updatedAt, locale),
              },
            ]}
          />
        )}
      </Card>
      <OpenCaseModal open={opening} onClose={() => setOpening(false)} />
    </>
  );
}
