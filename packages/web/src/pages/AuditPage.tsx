import { Alert, Button, Card, DatePicker, Flex, Form, Input, Table, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { auditApi } from '../api/audit';
import { toPage } from '../api/listing';
import type { AuditEntry } from '../api/types';
import PageHeading from '../components/PageHeading';
import StatusTag from '../components/StatusTag';
import { useRoleLabel } from '../components/RoleBindings';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { useQueryParams } from '../hooks/useQueryParams';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { formatDateTime } from '../lib/format';
import dayjs, { type Dayjs } from 'dayjs';

interface SearchValues {
  actorUsername?: string;
  action?: string;
  targetId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const FIELDS = ['actorUsername', 'action', 'targetId', 'from', 'to'] as const;

function OutcomeTag({ outcome, label }: { outcome: string; label: string }) {
  const tone = /^(ok|success|succeeded|allowed|allow)$/i.test(outcome)
    ? 'good'
    : /^(denied|deny|failed|failure|error|forbidden)$/i.test(outcome)
      ? 'bad'
      : 'neutral';
  return <StatusTag tone={tone}>{label}</StatusTag>;
}

export default function AuditPage() {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const reportError = useReportError();
  const [form] = Form.useForm<SearchValues>();
  const { get, getInt, update } = useQueryParams();
  const query = Object.fromEntries(FIELDS.map((f) => [f, get(f)])) as Record<
    (typeof FIELDS)[number],
    string | undefined
  >;
  const page = getInt('page', 1);
  const locale = currentLocale();

  const { data, error, loading, reload } = useAsync(
    async (signal) => {
      try {
        return await auditApi.search({ ...query, page }, signal);
      } catch (e) {
        // A bad filter comes back as a validation problem: show it on the form.
        reportError(e, form);
        throw e;
      }
    },
    [...FIELDS.map((f) => query[f]), page],
  );
  const listing = toPage(data, page);

  const initial: SearchValues = {
    actorUsername: query.actorUsername,
    action: query.action,
    targetId: query.targetId,
    range: query.from || query.to ? [query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null] : null,
  };

  const onFinish = (v: SearchValues) => {
    update({
      actorUsername: v.actorUsername?.trim(),
      action: v.action?.trim(),
      targetId: v.targetId?.trim(),
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
      page: undefined,
    });
  };

  return (
    <>
      <PageHeading title={t('audit.title')} />
      <Card style={{ marginBottom: 16 }}>
        <Form<SearchValues> form={form} layout="vertical" initialValues={initial} onFinish={onFinish}>
          <Flex wrap gap={16} align="flex-end">
            <Form.Item name="actorUsername" label={t('audit.actor')} style={{ minWidth: 180 }}>
              <Input allowClear data-testid="audit-actor" />
            </Form.Item>
            <Form.Item name="action" label={t('audit.action')} style={{ minWidth: 180 }}>
              <Input allowClear data-testid="audit-action" />
            </Form.Item>
            <Form.Item name="targetId" label={t('audit.targetId')} style={{ minWidth: 240 }}>
              <Input allowClear data-testid="audit-target" />
            </Form.Item>
            <Form.Item name="range" label={t('audit.range')}>
              <DatePicker.RangePicker allowEmpty={[true, true]} data-testid="audit-range" />
            </Form.Item>
            <Form.Item>
              <Flex gap={8}>
                <Button type="primary" htmlType="submit" data-testid="audit-search">
                  {t('common.search')}
                </Button>
                <Button
                  onClick={() => {
                    form.setFieldsValue({
                      actorUsername: undefined,
                      action: undefined,
                      targetId: undefined,
                      range: null,
                    });
                    update({
                      actorUsername: undefined,
                      action: undefined,
                      targetId: undefined,
                      from: undefined,
                      to: undefined,
                      page: undefined,
                    });
                  }}
                >
                  {t('common.reset')}
                </Button>
              </Flex>
            </Form.Item>
          </Flex>
        </Form>
      </Card>
      <Card>
        <Alert type="info" showIcon title={t('audit.chainHint')} style={{ marginBottom: 16 }} />
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <div data-testid="audit-table">
            <Table<AuditEntry>
              aria-label={t('audit.tableLabel')}
              rowKey="id"
              size="small"
              loading={loading}
              dataSource={listing.items}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('audit.empty') }}
              pagination={{
                current: listing.page,
                pageSize: listing.pageSize,
                total: listing.total,
                showSizeChanger: false,
                showTotal: (total) => t('common.total', { total }),
                onChange: (p) => update({ page: p === 1 ? undefined : p }),
              }}
              columns={[
                {
                  title: t('audit.at'),
                  dataIndex: 'at',
                  key: 'at',
                  render: (v: string) => formatDateTime(v, locale, { seconds: true }),
                },
                {
                  title: t('audit.actor'),
                  dataIndex: 'actorUsername',
                  key: 'actor',
                  render: (v: string) => <span className="yx-mono">{v}</span>,
                },
                {
                  title: t('audit.role'),
                  dataIndex: 'role',
                  key: 'role',
                  // Lists and sign-ins are not done in a role: a dash, not a blank cell.
                  render: (r: string | null) => (r ? roleLabel(r) : '—'),
                },
                {
                  title: t('audit.action'),
                  dataIndex: 'action',
                  key: 'action',
                  // The code stays one hover away: investigators search by it.
                  render: (_, e) => (
                    <Tooltip title={<span className="yx-mono">{e.action}</span>}>
                      <span tabIndex={0}>{e.actionLabel}</span>
                    </Tooltip>
                  ),
                },
                {
                  title: t('audit.target'),
                  key: 'target',
                  render: (_, e) => (
                    <span>
                      {e.targetTypeLabel ?? '—'}
                      {e.targetId && (
                        <>
                          {' '}
                          <Tooltip title={<span className="yx-mono">{e.targetId}</span>}>
                            <span className="yx-mono" tabIndex={0} aria-label={e.targetId}>
                              #{e.targetId.slice(0, 8)}
                            </span>
                          </Tooltip>
                        </>
                      )}
                    </span>
                  ),
                },
                {
                  title: t('audit.outcome'),
                  dataIndex: 'outcome',
                  key: 'outcome',
                  render: (_, e) => <OutcomeTag outcome={e.outcome} label={e.outcomeLabel} />,
                },
                {
                  title: `${t('audit.chain')} / ${t('audit.seq')}`,
                  key: 'chain',
                  render: (_, e) => (
                    <Tooltip title={e.chain}>
                      <span className="yx-mono" tabIndex={0}>
                        {e.chain.length > 16 ? `${e.chain.slice(0, 16)}…` : e.chain} #{e.seq}
                      </span>
                    </Tooltip>
                  ),
                },
              ]}
            />
          </div>
        )}
      </Card>
    </>
  );
}
