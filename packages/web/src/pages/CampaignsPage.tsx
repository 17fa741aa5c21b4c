import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Select, Table, type TableColumnsType } from 'antd';
import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { campaignsApi, type CampaignKind, type CampaignStatus, type CampaignSummary } from '../api/campaigns';
import { CampaignStatusTag } from '../components/CampaignTags';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { useQueryParams } from '../hooks/useQueryParams';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { formatWindow } from '../lib/format';
import { useCan } from '../session/useCan';

export const CAMPAIGN_KINDS: CampaignKind[] = ['universal', 'intake', 'targeted', 'monitoring'];
const STATUSES: CampaignStatus[] = ['draft', 'scheduled', 'open', 'closed', 'cancelled'];

/** Publishing materialises one questionnaire per student: ask first, then say how many. */
export function usePublish(onDone: () => void) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const reportError = useReportError();
  const [publishing, setPublishing] = useState<string | null>(null);
  const publish = (c: { id: string; name: string }) =>
    modal.confirm({
      title: t('campaigns.publishTitle', { name: c.name }),
      content: t('campaigns.publishText'),
      okText: t('campaigns.publish'),
      cancelText: t('common.cancel'),
      okButtonProps: { ...({ 'data-testid': 'campaign-publish-confirm' } as Record<string, string>) },
      onOk: async () => {
        setPublishing(c.id);
        try {
          const r = await campaignsApi.publish(c.id);
          void message.success(t('campaigns.published', { created: r.created, total: r.total }));
          onDone();
        } catch (e) {
          reportError(e);
        } finally {
          setPublishing(null);
        }
      },
    });
  return { publish, publishing };
}

export default function CampaignsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const can = useCan();
  const { get, getInt, update } = useQueryParams();
  const status = get('status') as CampaignStatus | undefined;
  const kind = get('kind') as CampaignKind | undefined;
  const page = getInt('page', 1);
  const pageSize = Math.min(getInt('pageSize', 20), 200);
  const { data, error, loading, reload } = useAsync(
    (signal) => campaignsApi.list({ status, kind, page, pageSize }, signal),
    [status, kind, page, pageSize],
  );
  const { publish, publishing } = usePublish(reload);

  const columns = useMemo<TableColumnsType<CampaignSummary>>(
    () => [
      {
        title: t('campaigns.name'),
        dataIndex: 'name',
        key: 'name',
        render: (name: string, c) => (
          <Link to={`/campaigns/${encodeURIComponent(c.id)}`} onClick={(e) => e.stopPropagation()}>
            {name}
          </Link>
        ),
      },
      {
        title: t('campaigns.kind'),
        dataIndex: 'kind',
        key: 'kind',
        render: (k: string) => t(`campaigns.kinds.${k}`, { defaultValue: k }),
      },
      {
        title: t('campaigns.statusLabel'),
        dataIndex: 'status',
        key: 'status',
        render: (s: string) => <CampaignStatusTag status={s} />,
      },
      { title: t('campaigns.window'), key: 'window', render: (_, c) => formatWindow(c.opensAt, c.closesAt, locale) },
      { title: t('campaigns.owner'), key: 'owner', responsive: ['md'], render: (_, c) => c.owner.name },
      {
        title: t('campaigns.targets'),
        key: 'targets',
        responsive: ['lg'],
        render: (_, c) =>
          c.targets.length
            ? c.targets.map((u) => u.name).join('、')
            : c.studentCount
              ? t('campaigns.studentCount', { n: c.studentCount })
              : '—',
      },
      {
        title: t('common.actions'),
        key: 'actions',
        render: (_, c) =>
          c.canManage && c.status === 'draft' ? (
            <Button
              size="small"
              icon={<SendOutlined aria-hidden />}
              loading={publishing === c.id}
              onClick={(e) => {
                e.stopPropagation();
                publish(c);
              }}
              data-testid="campaign-publish"
              aria-label={t('campaigns.publishLabel', { name: c.name })}
            >
              {t('campaigns.publish')}
            </Button>
          ) : null,
      },
    ],
    [t, locale, publish, publishing],
  );

  return (
    <>
      <PageHeading
        title={t('campaigns.title')}
        extra={
          can('campaign.manage') ? (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => navigate('/campaigns/new')}
              data-testid="campaign-create"
            >
              {t('campaigns.create')}
            </Button>
          ) : undefined
        }
      />
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
        <Form layout="vertical" component="div" style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16 }}>
          <Form.Item label={t('campaigns.statusLabel')} htmlFor="campaigns-status" style={{ minWidth: 160 }}>
            <Select
              id="campaigns-status"
              value={status}
              allowClear
              placeholder={t('common.all')}
              options={STATUSES.map((s) => ({ value: s, label: t(`campaigns.status.${s}`) }))}
              onChange={(v?: string) => update({ status: v, page: undefined })}
            />
          </Form.Item>
          <Form.Item label={t('campaigns.kind')} htmlFor="campaigns-kind" style={{ minWidth: 160 }}>
            <Select
              id="campaigns-kind"
              value={kind}
              allowClear
              placeholder={t('common.all')}
              options={CAMPAIGN_KINDS.map((k) => ({ value: k, label: t(`campaigns.kinds.${k}`) }))}
              onChange={(v?: string) => update({ kind: v, page: undefined })}
            />
          </Form.Item>
        </Form>
      </Card>
      <Card>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<CampaignSummary>
            aria-label={t('campaigns.tableLabel')}
            rowKey="id"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('campaigns.empty') }}
            rowClassName={() => 'yx-clickable-row'}
            onRow={(c) =>
              ({
                onClick: () => void navigate(`/campaigns/${encodeURIComponent(c.id)}`),
                'data-testid': 'campaign-row',
                'data-campaign-id': c.id,
              }) as React.HTMLAttributes<HTMLElement>
            }
            pagination={{
              current: data?.page ?? page,
              pageSize: data?.pageSize ?? pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: (p, ps) => update({ page: p === 1 ? undefined : p, pageSize: ps === 20 ? undefined : ps }),
            }}
          />
        )}
      </Card>
    </>
  );
}
