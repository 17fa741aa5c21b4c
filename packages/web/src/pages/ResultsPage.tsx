import { useCallback, useMemo, useRef } from 'react';
import { Button, Card, Form, Select, Table, Tooltip, type TableColumnsType } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { campaignsApi } from '../api/campaigns';
import { screeningApi, type ResultInstrument, type ResultItem } from '../api/screening';
import OrgPicker, { type OrgSelection } from '../components/OrgPicker';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import { TierTag } from '../components/ScreeningTags';
import StatusTag from '../components/StatusTag';
import { useAsync } from '../hooks/useAsync';
import { useQueryParams } from '../hooks/useQueryParams';
import { currentLocale } from '../i18n';
import { formatShortDateTime } from '../lib/format';

const PAGE_SIZES = [20, 50, 100];

function InstrumentCell({ r }: { r: ResultInstrument }) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 4, minWidth: 130 }}>
      <Link
        to={`/screening/results/${encodeURIComponent(r.responseId)}`}
        aria-label={t('results.openResponse', { instrument: r.shortName })}
      >
        <strong>{r.shortName}</strong> {r.total ?? '—'}
        {r.bandLabel ? ` · ${r.bandLabel}` : ''}
      </Link>
      <span style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
        {r.criticalFlags.map((f) => (
          <StatusTag key={f.id} tone="bad">
            <WarningOutlined aria-hidden /> {f.label}
          </StatusTag>
        ))}
        {r.careless.map((c) => (
          <Tooltip key={c.id} title={t('results.carelessHint')}>
            <span>
              <StatusTag tone="warn">{c.label}</StatusTag>
            </span>
          </Tooltip>
        ))}
        {!r.valid && <StatusTag tone="neutral">{t('results.incomplete')}</StatusTag>}
      </span>
    </div>
  );
}

/** Psychology staff's results, by campaign: every instrument's total, band, flags and careless marks, and the tier. */
export default function ResultsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { get, getInt, update } = useQueryParams();
  const campaignId = get('campaignId');
  const org: OrgSelection = { schoolId: get('schoolId'), gradeId: get('gradeId'), classId: get('classId') };
  const band = get('band');
  const flaggedParam = get('flagged');
  const flagged = flaggedParam === 'true' ? true : flaggedParam === 'false' ? false : undefined;
  const page = getInt('page', 1);
  const pageSize = Math.min(getInt('pageSize', 20), 200);

  const campaigns = useAsync((signal) => campaignsApi.list({ page: 1, pageSize: 100 }, signal), []);
  const { data, error, loading, reload } = useAsync(
    (signal) => screeningApi.results({ campaignId, classId: org.classId, band, flagged, page, pageSize }, signal),
    [campaignId, org.classId, band, flaggedParam, page, pageSize],
  );

  // Bands come with the results; remember every one seen so the filter can offer them.
  const bands = useRef(new Map<string, string>());
  for (const item of data?.items ?? [])
    for (const i of item.instruments)
      if (i.band && i.bandLabel) bands.current.set(i.band, `${i.shortName} · ${i.bandLabel}`);
  const bandOptions = [...bands.current.entries()].map(([value, label]) => ({ value, label }));

  const onOrgChange = useCallback(
    (next: OrgSelection) =>
      update({ schoolId: next.schoolId, gradeId: next.gradeId, classId: next.classId, page: undefined }, true),
    [update],
  );

  const columns = useMemo<TableColumnsType<ResultItem>>(
    () => [
      {
        title: t('results.student'),
        key: 'student',
        fixed: 'left',
        render: (_, r) => (
          <span style={{ display: 'flex', flexDirection: 'column' }}>
            <span style={{ fontWeight: 600 }}>
              {r.flagged && (
                <WarningOutlined aria-label={t('results.flagged')} style={{ color: '#be123c', marginInlineEnd: 4 }} />
              )}
              {r.studentName}
            </span>
            <span className="yx-mono">{r.studentNo}</span>
          </span>
        ),
      },
      { title: t('results.class'), key: 'class', render: (_, r) => `${r.gradeName}${r.className}` },
      {
        title: t('results.instruments'),
        key: 'instruments',
        render: (_, r) => (
          <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
            {r.instruments.map((i) => (
              <InstrumentCell key={i.responseId} r={i} />
            ))}
          </div>
        ),
      },
      { title: t('results.suggestedTier'), key: 'suggested', render: (_, r) => <TierTag tier={r.suggestedTier} /> },
      {
        title: t('results.review'),
        key: 'review',
        render: (_, r) =>
          r.reviewStatus === 'confirmed' ? (
            <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center', flexWrap: 'wrap' }}>
              <StatusTag tone="good">{t('results.confirmed')}</StatusTag>
              <TierTag tier={r.confirmedTier} />
            </span>
          ) : r.reviewStatus ? (
            <Link to="/tiers/review">
              <StatusTag tone="warn">{t('results.awaitingReview')}</StatusTag>
            </Link>
          ) : (
            '—'
          ),
      },
      {
        title: t('results.submittedAt'),
        dataIndex: 'submittedAt',
        key: 'submittedAt',
        responsive: ['md'],
        render: (v: string) => formatShortDateTime(v, locale),
      },
    ],
    [t, locale],
  );

  const hasFilters = !!(campaignId || org.schoolId || org.gradeId || org.classId || band || flaggedParam);

  return (
    <>
      <PageHeading title={t('results.title')} />
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
        <Form layout="vertical" component="div" style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16 }}>
          <Form.Item
            label={t('results.campaign')}
            htmlFor="results-campaign"
            style={{ minWidth: 240, flex: '1 1 240px' }}
          >
            <Select
              id="results-campaign"
              value={campaignId}
              allowClear
              placeholder={t('common.all')}
              loading={campaigns.loading}
              options={(campaigns.data?.items ?? [])
                .filter((c) => c.status !== 'draft')
                .map((c) => ({ value: c.id, label: c.name }))}
              onChange={(v?: string) => update({ campaignId: v, page: undefined })}
            />
          </Form.Item>
          <OrgPicker
            value={org}
            onChange={onOrgChange}
            depth="class"
            idPrefix="results-filter"
            testIdPrefix="results-filter"
          />
          <Form.Item label={t('results.band')} htmlFor="results-band" style={{ minWidth: 180 }}>
            <Select
              id="results-band"
              value={band}
              allowClear
              placeholder={t('common.all')}
              options={bandOptions}
              onChange={(v?: string) => update({ band: v, page: undefined })}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item label={t('results.flaggedFilter')} htmlFor="results-flagged" style={{ minWidth: 160 }}>
            <Select
              id="results-flagged"
              value={flaggedParam}
              allowClear
              placeholder={t('common.all')}
              options={[
                { value: 'true', label: t('results.flaggedOnly') },
                { value: 'false', label: t('results.notFlagged') },
              ]}
              onChange={(v?: string) => update({ flagged: v, page: undefined })}
            />
          </Form.Item>
          {hasFilters && (
            <Form.Item label={<span className="yx-visually-hidden">{t('students.clearFilters')}</span>} colon={false}>
              <Button
                onClick={() =>
                  update({
                    campaignId: undefined,
                    schoolId: undefined,
                    gradeId: undefined,
                    classId: undefined,
                    band: undefined,
                    flagged: undefined,
                    page: undefined,
                  })
                }
              >
                {t('students.clearFilters')}
              </Button>
            </Form.Item>
          )}
        </Form>
      </Card>
      <Card>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <div data-testid="results-table">
            <Table<ResultItem>
              aria-label={t('results.tableLabel')}
              rowKey={(r) => `${r.studentId}:${r.campaignId ?? ''}`}
              columns={columns}
              dataSource={data?.items ?? []}
              loading={loading}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('results.empty') }}
              onRow={(r) =>
                ({ 'data-testid': 'result-row', 'data-student-id': r.studentId }) as React.HTMLAttributes<HTMLElement>
              }
              pagination={{
                current: data?.page ?? page,
                pageSize: data?.pageSize ?? pageSize,
                total: data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: PAGE_SIZES,
                showTotal: (total) => t('common.total', { total }),
                onChange: (p, ps) => update({ page: p === 1 ? undefined : p, pageSize: ps === 20 ? undefined : ps }),
              }}
            />
          </div>
        )}
      </Card>
    </>
  );
}
