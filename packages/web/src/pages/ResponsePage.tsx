import { Alert, Card, Col, Descriptions, Row, Skeleton, Table } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { isApiError } from '../api/problem';
import { screeningApi, type ResponseDetail } from '../api/screening';
import PageHeading from '../components/PageHeading';
import { LoadError, NotFoundResult } from '../components/Results';
import StatusTag from '../components/StatusTag';
import { useAsync } from '../hooks/useAsync';
import { currentLocale } from '../i18n';
import { formatShortDateTime } from '../lib/format';

type ItemRow = ResponseDetail['items'][number];

/** One instrument's answers, item by item, with the scoring's plain explanations. Psychology staff only; the read is audited. */
export default function ResponsePage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { responseId = '' } = useParams();
  const { data, error, loading, reload } = useAsync(
    (signal) => screeningApi.response(responseId, signal),
    [responseId],
  );

  if (isApiError(error) && (error.status === 404 || error.status === 403)) {
    return (
      <NotFoundResult
        title={t('response.notFoundTitle')}
        text={t('response.notFoundText')}
        back={{ to: '/screening/results', label: t('response.back') }}
      />
    );
  }
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading || !data) return <Skeleton active />;

  const seconds = data.durationMs === null ? null : Math.round(data.durationMs / 1000);
  const subscales = Object.entries(data.subscales);

  return (
    <>
      <PageHeading title={`${data.studentName} · ${data.instrument.shortName}`} testId="response-title" />
      <Alert type="info" showIcon title={t('response.auditNotice')} style={{ marginBottom: 16 }} />
      {data.explanations.length > 0 && (
        <Alert
          type={data.criticalFlags.length ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          title={t('response.explanations')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="response-explanations">
              {data.explanations.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('response.summary')}</h2>}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'student', label: t('response.student'), children: `${data.studentName}（${data.studentNo}）` },
                { key: 'class', label: t('results.class'), children: `${data.gradeName}${data.className}` },
                { key: 'campaign', label: t('results.campaign'), children: data.campaignName ?? '—' },
                {
                  key: 'instrument',
                  label: t('response.instrument'),
                  children: `${data.instrument.name}（v${data.instrument.version}）`,
                },
                { key: 'total', label: t('response.total'), children: data.total ?? '—' },
                { key: 'band', label: t('response.band'), children: data.bandLabel ?? '—' },
                {
                  key: 'flags',
                  label: t('response.flags'),
                  children: data.criticalFlags.length ? (
                    <span style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
                      {data.criticalFlags.map((f) => (
                        <StatusTag key={f.id} tone="bad">
                          {f.label}
                        </StatusTag>
                      ))}
                    </span>
                  ) : (
                    t('common.none')
                  ),
                },
                {
                  key: 'careless',
                  label: t('response.careless'),
                  children: data.careless.length ? (
                    <span style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
                      {data.careless.map((c) => (
                        <StatusTag key={c.id} tone="warn">
                          {c.label}
                        </StatusTag>
                      ))}
                    </span>
                  ) : (
                    t('common.none')
                  ),
                },
                {
                  key: 'valid',
                  label: t('response.valid'),
                  children: data.valid ? t('common.yes') : t('results.incomplete'),
                },
                ...subscales.map(([name, s]) => ({
                  key: `sub-${name}`,
                  label: t('response.subscale', { name }),
                  children: `${s.score ?? '—'}${s.cutoff !== undefined ? ` / ${s.cutoff}` : ''}${s.positive ? ` · ${t('response.positive')}` : ''}`,
                })),
                {
                  key: 'duration',
                  label: t('response.duration'),
                  children: seconds === null ? '—' : t('response.seconds', { n: seconds }),
                },
                {
                  key: 'submitted',
                  label: t('results.submittedAt'),
                  children: formatShortDateTime(data.submittedAt, locale),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('response.items')}</h2>}>
            <Table<ItemRow>
              aria-label={t('response.items')}
              rowKey="number"
              size="small"
              pagination={false}
              dataSource={data.items}
              tableLayout="fixed"
              rowClassName={(r) => (r.critical && r.answer !== null && r.answer > 0 ? 'yx-row-critical' : '')}
              columns={[
                { title: t('response.number'), dataIndex: 'number', key: 'number', width: 56 },
                {
                  title: t('response.question'),
                  dataIndex: 'text',
                  key: 'text',
                  render: (text: string, r) => (
                    <span>
                      {r.critical && (
                        <WarningOutlined
                          aria-label={t('response.criticalItem')}
                          style={{ color: '#be123c', marginInlineEnd: 4 }}
                        />
                      )}
                      {text}
                    </span>
                  ),
                },
                {
                  title: t('response.answer'),
                  key: 'answer',
                  width: '34%',
                  render: (_, r) =>
                    !r.asked ? (
                      <span style={{ color: 'rgba(0,0,0,0.62)' }}>{t('response.notAsked')}</span>
                    ) : r.answer === null ? (
                      <StatusTag tone="neutral">{t('response.blank')}</StatusTag>
                    ) : (
                      <span>
                        {r.answerLabel ?? ''} <span className="yx-mono">({r.answer})</span>
                      </span>
                    ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
