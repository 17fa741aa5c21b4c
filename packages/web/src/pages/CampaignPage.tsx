import { useEffect, useRef, useState } from 'react';
import { App, Breadcrumb, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Table, Typography } from 'antd';
import { BellOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import {
  campaignsApi,
  type CampaignDetail,
  type CompletionRow,
  type UnfinishedStudent,
  type UnitRef,
} from '../api/campaigns';
import { cachedChildren } from '../api/orgCache';
import { isApiError } from '../api/problem';
import { CampaignStatusTag } from '../components/CampaignTags';
import CompletionChart, { COMPLETION_PARTS, partValue, unitLabel } from '../components/CompletionChart';
import PageHeading from '../components/PageHeading';
import PaperForms from '../components/PaperForms';
import { LoadError, NotFoundResult } from '../components/Results';
import StatusTag from '../components/StatusTag';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { formatShortDateTime, formatWindow } from '../lib/format';
import { useCan } from '../session/useCan';
import ScreeningCodesCard from '../components/ScreeningCodesCard';
import { usePublish } from './CampaignsPage';

function Overview({ c }: { c: CampaignDetail }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const en = locale === 'en';
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('campaignDetail.overview')}</h2>}
      style={{ marginBottom: 16 }}
    >
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="small"
        items={[
          {
            key: 'kind',
            label: t('campaigns.kind'),
            children: t(`campaigns.kinds.${c.kind}`, { defaultValue: c.kind }),
          },
          { key: 'status', label: t('campaigns.statusLabel'), children: <CampaignStatusTag status={c.status} /> },
          { key: 'owner', label: t('campaigns.owner'), children: unitLabel(c.owner, en) },
          { key: 'window', label: t('campaigns.window'), children: formatWindow(c.opensAt, c.closesAt, locale) },
          {
            key: 'year',
            label: t('campaignDetail.schoolYear'),
            children: c.term ? t('campaignDetail.yearTerm', { year: c.schoolYear, term: c.term }) : c.schoolYear,
          },
          {
            key: 'targets',
            label: t('campaigns.targets'),
            children: c.targets.length
              ? c.targets.map((u) => unitLabel(u, en)).join('、')
              : c.students.length
                ? t('campaigns.studentCount', { n: c.students.length })
                : '—',
          },
          {
            key: 'consent',
            label: t('campaignDetail.consentAge'),
            children: t('campaignDetail.consentAgeValue', { age: c.consentRequiredUnderAge }),
          },
          {
            key: 'assignments',
            label: t('campaignDetail.assignments'),
            children: c.status === 'draft' ? t('campaignDetail.notPublished') : c.assignmentCount,
          },
          {
            key: 'sets',
            label: t('campaignNew.instruments'),
            span: 'filled',
            children: (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {c.instrumentSets.map((s, i) => (
                  <li key={i}>
                    {t('campaignDetail.set', {
                      from: s.gradeFrom,
                      to: s.gradeTo,
                      respondent: t(`campaignNew.respondents.${s.respondent}`),
                      instruments: s.instruments.map((x) => x.shortName).join('、'),
                    })}
                  </li>
                ))}
              </ul>
            ),
          },
          {
            key: 'notice',
            label: t('campaignNew.notice'),
            span: 'filled',
            children: (
              <Typography.Paragraph
                style={{ whiteSpace: 'pre-wrap', margin: 0 }}
                ellipsis={{ rows: 3, expandable: true, symbol: t('campaignDetail.more') }}
              >
                {(en ? c.noticeEn : c.noticeZh) || c.noticeZh}
              </Typography.Paragraph>
            ),
          },
        ]}
      />
    </Card>
  );
}

function Unfinished({ campaign, classRow }: { campaign: CampaignDetail; classRow: CompletionRow }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const can = useCan();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [busy, setBusy] = useState(false);
  const named = can('student.list');
  const list = useAsync(
    (signal) => campaignsApi.unfinished(campaign.id, classRow.unitId, signal),
    [campaign.id, classRow.unitId],
    named,
  );

  const remind = async () => {
    setBusy(true);
    try {
      const r = await campaignsApi.remind(campaign.id, classRow.unitId);
      void message.success(t('completion.reminded', { count: r.count, skipped: r.skipped }));
      list.reload();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };

  const cardRef = useRef<HTMLDivElement>(null);
  useEffect(() => cardRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }), [classRow.unitId]);

  const items = list.data?.items ?? [];
  const remindable =
    can('completion.remind') &&
    campaign.status === 'open' &&
    (named ? items.length > 0 : classRow.inProgress + classRow.notStarted > 0);
  return (
    <Card
      ref={cardRef}
      title={
        <h3 style={{ fontSize: 15, margin: 0 }}>
          {t('completion.unfinishedTitle', { name: unitLabel(classRow, locale === 'en') })}
        </h3>
      }
      extra={
        remindable ? (
          <Button
            icon={<BellOutlined aria-hidden />}
            loading={busy}
            onClick={() => void remind()}
            data-testid="completion-remind"
          >
            {t('completion.remind')}
          </Button>
        ) : undefined
      }
      style={{ marginTop: 16 }}
    >
      {!named ? (
        <Typography.Text>{t('completion.countsOnly')}</Typography.Text>
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : (
        <Table<UnfinishedStudent>
          aria-label={t('completion.unfinishedTitle', { name: classRow.name })}
          rowKey={(r) => `${r.studentId}:${r.respondent}`}
          size="small"
          loading={list.loading}
          dataSource={items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('completion.allDone') }}
          columns={[
            { title: t('students.name'), dataIndex: 'name', key: 'name' },
            {
              title: t('students.studentNo'),
              dataIndex: 'studentNo',
              key: 'no',
              render: (v: string) => <span className="yx-mono">{v}</span>,
            },
            {
              title: t('campaignNew.respondent'),
              dataIndex: 'respondent',
              key: 'resp',
              render: (v: string) => t(`campaignNew.respondents.${v}`),
            },
            {
              title: t('campaigns.statusLabel'),
              dataIndex: 'status',
              key: 'status',
              render: (v: string) => (
                <StatusTag tone={v === 'in_progress' ? 'warn' : 'neutral'}>{t(`completion.assignment.${v}`)}</StatusTag>
              ),
            },
            {
              title: t('completion.consent'),
              dataIndex: 'consentStatus',
              key: 'consent',
              render: (v: string) => t(`consent.status.${v}`),
            },
            {
              title: t('completion.lastReminded'),
              key: 'reminded',
              render: (_, r) =>
                r.lastRemindedAt
                  ? t('completion.remindedAt', {
                      time: formatShortDateTime(r.lastRemindedAt, locale),
                      count: r.reminderCount,
                    })
                  : '—',
            },
          ]}
        />
      )}
    </Card>
  );
}

/** Live completion, drilled down district → school → class; a class shows who has not finished. */
function Completion({ campaign }: { campaign: CampaignDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const locale = currentLocale();
  const en = locale === 'en';
  const [path, setPath] = useState<UnitRef[] | null>(null);
  const [base, setBase] = useState(0);
  const [classRow, setClassRow] = useState<CompletionRow | null>(null);

  // Start at the user's own scope: a city, a district, a school — or a head teacher's class.
  useEffect(() => {
    let live = true;
    cachedChildren(null)
      .then((roots) => {
        if (!live) return;
        const root = roots.length === 1 ? roots[0]! : null;
        const start =
          root && root.kind !== 'city'
            ? [{ id: root.id, kind: root.kind, name: root.name, nameEn: root.nameEn ?? null }]
            : [];
        setBase(start.length);
        setPath(start);
      })
      .catch(() => live && setPath([]));
    return () => {
      live = false;
    };
  }, []);

  const unit = path?.at(-1);
  const { data, error, loading, reload } = useAsync(
    (signal) => campaignsApi.completion(campaign.id, { unitId: unit?.id }, signal),
    [campaign.id, unit?.id],
    path !== null,
  );

  // A class scope shows its one row: open its students at once.
  useEffect(() => {
    if (data && unit?.kind === 'class' && data.rows[0]) setClassRow(data.rows[0]);
  }, [data, unit?.kind]);

  const open = (row: CompletionRow) => {
    if (row.kind === 'class') {
      setClassRow(row);
      return;
    }
    setClassRow(null);
    setPath((p) => [...(p ?? []), { id: row.unitId, kind: row.kind, name: row.name, nameEn: row.nameEn }]);
  };

  // The user's own scope is the top of the path: nothing above it would show rows they may see.
  const crumbItems = [
    ...(base > 0 ? [] : [{ key: 'root', title: t('completion.all'), depth: 0 }]),
    ...(path ?? []).map((u, i) => ({ key: u.id, title: unitLabel(u, en), depth: i + 1 })),
  ];
  const crumbs = crumbItems.map((c, i) => ({
    key: c.key,
    title:
      i === crumbItems.length - 1 ? (
        <span aria-current="page">{c.title}</span>
      ) : (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, height: 'auto' }}
          onClick={() => {
            setClassRow(null);
            setPath((p) => (p ?? []).slice(0, Math.max(c.depth, base)));
          }}
        >
          {c.title}
        </Button>
      ),
  }));

  const total = data?.total;
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('completion.title')}</h2>}
      extra={<Button onClick={reload}>{t('common.refresh')}</Button>}
      data-testid="completion"
    >
      <Breadcrumb items={crumbs} aria-label={t('completion.path')} style={{ marginBottom: 12 }} />
      {campaign.status === 'draft' ? (
        <Typography.Text>{t('completion.notPublished')}</Typography.Text>
      ) : error ? (
        isApiError(error) && error.status === 403 ? (
          <Typography.Text>{t('completion.noAccess')}</Typography.Text>
        ) : (
          <LoadError error={error} onRetry={reload} />
        )
      ) : loading || !data ? (
        <Skeleton active />
      ) : (
        <>
          {total && (
            <Flex gap={24} wrap style={{ marginBottom: 12 }} data-testid="completion-total">
              <Typography.Text>
                {t('completion.rate')}{' '}
                <strong style={{ fontSize: 20, color: '#0f766e' }}>
                  {Math.round(total.completionRate * 1000) / 10}%
                </strong>
              </Typography.Text>
              <Typography.Text>
                {t('completion.totalLine', { completed: total.completed, invited: total.invited })}
              </Typography.Text>
            </Flex>
          )}
          {data.rows.length === 0 ? (
            <Typography.Text>{t('completion.empty')}</Typography.Text>
          ) : (
            <Row gutter={[16, 16]}>
              <Col xs={24}>
                <CompletionChart rows={data.rows} onOpen={open} />
              </Col>
              <Col xs={24}>
                <Table<CompletionRow>
                  aria-label={t('completion.tableLabel')}
                  rowKey="unitId"
                  size="small"
                  pagination={false}
                  dataSource={data.rows}
                  scroll={{ x: 'max-content' }}
                  onRow={(r) =>
                    ({ 'data-testid': 'completion-row', 'data-unit-id': r.unitId }) as React.HTMLAttributes<HTMLElement>
                  }
                  columns={[
                    {
                      title: t('completion.unit'),
                      key: 'unit',
                      fixed: 'left',
                      render: (_, r) => (
                        <Button
                          type="link"
                          style={{ padding: 0 }}
                          onClick={() => open(r)}
                          data-testid="completion-open"
                          aria-label={t('completion.openUnit', { name: unitLabel(r, en) })}
                        >
                          {unitLabel(r, en)}
                        </Button>
                      ),
                    },
                    { title: t('completion.invited'), dataIndex: 'invited', key: 'invited' },
                    ...COMPLETION_PARTS.map((p) => ({
                      title: t(`completion.parts.${p}`),
                      key: p,
                      render: (_: unknown, r: CompletionRow) => partValue(r, p),
                    })),
                    {
                      title: t('completion.rate'),
                      key: 'rate',
                      render: (_, r) => `${Math.round(r.completionRate * 1000) / 10}%`,
                    },
                  ]}
                />
              </Col>
            </Row>
          )}
          {classRow && <Unfinished campaign={campaign} classRow={classRow} />}
          {classRow &&
            can('screening_code.manage') &&
            (campaign.status === 'open' || campaign.status === 'scheduled') && (
              <ScreeningCodesCard
                campaignId={campaign.id}
                classId={classRow.unitId}
                className={unitLabel(classRow, en)}
              />
            )}
        </>
      )}
    </Card>
  );
}

export default function CampaignPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const can = useCan();
  const { modal, message } = App.useApp();
  const reportError = useReportError();
  const { data, error, loading, reload } = useAsync((signal) => campaignsApi.get(id, signal), [id]);
  const { publish, publishing } = usePublish(reload);

  if (isApiError(error) && error.status === 404) {
    return (
      <NotFoundResult
        title={t('campaignDetail.notFoundTitle')}
        text={t('campaignDetail.notFoundText')}
        back={{ to: '/campaigns', label: t('campaignDetail.back') }}
      />
    );
  }
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading && !data) return <Skeleton active />;
  if (!data) return null;

  const cancel = () =>
    modal.confirm({
      title: t('campaignDetail.cancelTitle', { name: data.name }),
      content: t('campaignDetail.cancelText'),
      okText: t('campaignDetail.cancel'),
      okButtonProps: { danger: true },
      cancelText: t('common.back'),
      onOk: async () => {
        try {
          await campaignsApi.cancel(data.id);
          void message.success(t('campaignDetail.cancelled'));
          reload();
        } catch (e) {
          reportError(e);
        }
      },
    });

  const actions = data.canManage ? (
    <Flex gap={8} wrap>
      {data.status === 'draft' && (
        <Button
          type="primary"
          icon={<SendOutlined aria-hidden />}
          loading={publishing === data.id}
          onClick={() => publish(data)}
          data-testid="campaign-publish"
        >
          {t('campaigns.publish')}
        </Button>
      )}
      {(data.status === 'draft' || data.status === 'scheduled' || data.status === 'open') && (
        <Button danger icon={<StopOutlined aria-hidden />} onClick={cancel} data-testid="campaign-cancel">
          {t('campaignDetail.cancel')}
        </Button>
      )}
    </Flex>
  ) : undefined;

  return (
    <>
      <PageHeading title={data.name} extra={actions} />
      <Overview c={data} />
      {can('completion.read') && <Completion campaign={data} />}
      {(can('paper.print') || can('paper.import')) && data.status !== 'draft' && data.status !== 'cancelled' && (
        <PaperForms campaign={data} />
      )}
    </>
  );
}
