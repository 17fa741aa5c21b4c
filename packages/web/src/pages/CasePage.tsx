import '../i18n/cases';
import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Input,
  Row,
  Skeleton,
  Table,
  Timeline,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { casesApi, type CaseDetail, type CaseStep, type TimelineEvent } from '../api/cases';

/** An event a button sends as it is (the others open a form first). */
type CaseEvent = Parameters<typeof casesApi.transition>[1]['event'];
import { isApiError } from '../api/problem';
import { CaseDialogs, type CaseDialog } from '../components/cases/CaseForms';
import { CaseStateTag, FollowUpTag, RiskTag } from '../components/cases/CaseTags';
import TrajectoryChart from '../components/cases/TrajectoryChart';
import PageHeading from '../components/PageHeading';
import { LoadError, NotFoundResult } from '../components/Results';
import StatusTag from '../components/StatusTag';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import type { Locale } from '../api/types';
import { CONTACT_METHODS, instrumentShortName, type ContactMethod } from '@yuxin/core';
import { describeCaseEvent } from '../lib/caseEvents';
import { formatDateTime, formatShortDateTime } from '../lib/format';
import { useCan } from '../session/useCan';

const sectionTitle = (text: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;

/**
 * The buttons of the next steps, as the server answers them for this reader: the case's rules and the
 * reader's role decide there, and the page only says what each step opens.
 */
function NextSteps({
  c,
  open,
  transition,
}: {
  c: CaseDetail;
  open: (d: CaseDialog) => void;
  transition: (event: CaseEvent) => void;
}) {
  const { t } = useTranslation();
  const act: Record<CaseStep, () => void> = {
    start_assessment: () => transition('start_assessment'),
    start_intervention: () => transition('start_intervention'),
    start_follow_up: () => transition('start_follow_up'),
    assessment: () => open('assessment'),
    plan: () => open('plan'),
    referral: () => open('referral'),
    followUps: () => open('followUps'),
    monitoring: () => open('monitoring'),
    consent: () => open('consent'),
    return: () => open('return'),
    correctConsent: () => open('correctConsent'),
    cancelReferral: () => open('cancelReferral'),
    reroute: () => open('reroute'),
    closure: () => open('closure'),
    record: () => open('record'),
    reopen: () => open('reopen'),
    review: () => open('review'),
    approve: () => open('approve'),
    reject: () => open('reject'),
    conference: () => open('conference'),
  };
  if (c.nextSteps.length === 0) return null;
  return (
    <Card style={{ marginBottom: 16 }} title={sectionTitle(t('cases.nextSteps'))}>
      <Flex gap={8} wrap>
        {c.nextSteps.map(({ step, primary }) => (
          <Button
            key={step}
            type={primary ? 'primary' : 'default'}
            onClick={act[step]}
            data-testid={`case-step-${step}`}
          >
            {t(`cases.step.${step}`)}
          </Button>
        ))}
      </Flex>
    </Card>
  );
}

/** When a step with the guardian really happened and how, as the entry recorded it (it may be written days later). */
function happened(t: (k: string, o?: Record<string, unknown>) => string, e: TimelineEvent, locale: Locale) {
  const at = e.payload.occurredAt;
  const method = e.payload.contactMethod ?? e.payload.method;
  if (typeof at !== 'string' || typeof method !== 'string' || !CONTACT_METHODS.includes(method as ContactMethod))
    return null;
  return (
    <div data-testid="timeline-happened" style={{ fontSize: 13 }}>
      {t('cases.happenedAt', { at: formatDateTime(at, locale), method: t(`cases.contactMethods.${method}`) })}
    </div>
  );
}

function CaseTimeline({ id, version }: { id: string; version: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { data, error, loading, reload } = useAsync((signal) => casesApi.timeline(id, signal), [id, version]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading && !data) return <Skeleton active />;
  return (
    <Timeline
      data-testid="case-timeline"
      items={(data?.items ?? []).map((e) => ({
        key: e.id,
        children: (
          <div>
            <Typography.Text strong>{describeCaseEvent(t, e)}</Typography.Text>
            <div style={{ color: 'rgba(0,0,0,0.68)', fontSize: 13 }}>
              {formatDateTime(e.at, locale)}
              {e.actor ? ` · ${e.actor.name}` : ''}
            </div>
            {happened(t, e, locale)}
            {e.note && <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{e.note}</div>}
          </div>
        ),
      }))}
    />
  );
}

function FollowUps({ c, onChange }: { c: CaseDetail; onChange: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const can = useCan();
  const locale = currentLocale();
  const [outcome, setOutcome] = useState<Record<string, string>>({});
  const complete = async (id: string) => {
    try {
      await casesApi.completeFollowUp(id, outcome[id] ?? '');
      void message.success(t('cases.followUpDone'));
      onChange();
    } catch (e) {
      reportError(e);
    }
  };
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={c.followUps}
      locale={{ emptyText: t('cases.noFollowUps') }}
      columns={[
        { title: t('cases.dueAt'), key: 'dueAt', render: (_, f) => formatShortDateTime(f.dueAt, locale) },
        { title: t('cases.responsible'), key: 'responsible', render: (_, f) => f.responsible.name },
        { title: t('cases.stateLabel'), key: 'status', render: (_, f) => <FollowUpTag status={f.status} /> },
        {
          title: t('cases.outcomeLabel'),
          key: 'outcome',
          render: (_, f) =>
            f.doneAt ? (
              f.outcome
            ) : can('case.manage') ? (
              <Flex gap={8}>
                <Input
                  size="small"
                  aria-label={t('cases.outcomeLabel')}
                  value={outcome[f.id] ?? ''}
                  onChange={(e) => setOutcome((o) => ({ ...o, [f.id]: e.target.value }))}
                />
                <Button size="small" disabled={!outcome[f.id]?.trim()} onClick={() => void complete(f.id)}>
                  {t('cases.complete')}
                </Button>
              </Flex>
            ) : null,
        },
      ]}
    />
  );
}

/** Scores over time per instrument (重点监控测): the psychology teacher's view of whether things improve; the table under the chart is its text alternative. */
function Trajectory({ id, version }: { id: string; version: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { data, error, loading, reload } = useAsync((signal) => casesApi.trajectory(id, signal), [id, version]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading && !data) return <Skeleton active />;
  if (!data?.series.length) return <Empty description={t('cases.noScores')} />;
  return (
    <>
      <TrajectoryChart series={data.series} />
      <Table
        rowKey="instrument"
        size="small"
        pagination={false}
        dataSource={data.series}
        columns={[
          { title: t('cases.instrument'), key: 'instrument', render: (_, s) => instrumentShortName(s.instrument) },
          {
            title: t('cases.scores'),
            key: 'points',
            render: (_, s) =>
              s.points
                .map(
                  (p) =>
                    `${formatShortDateTime(p.at, locale)}：${p.total ?? '—'}${p.critical ? ` (${t('cases.critical')})` : ''}${p.valid ? '' : ` (${t('cases.invalid')})`}`,
                )
                .join('  →  '),
          },
        ]}
      />
    </>
  );
}

/** One case (一案一清): where it stands, what comes next, and everything that happened, in order. */
export default function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const locale = currentLocale();
  const [version, setVersion] = useState(0);
  const [dialog, setDialog] = useState<CaseDialog | null>(null);
  const can = useCan();
  const { data: c, error, loading, reload } = useAsync((signal) => casesApi.get(id, signal), [id, version]);
  const refresh = () => setVersion((v) => v + 1);

  const transition = async (event: CaseEvent) => {
    try {
      await casesApi.transition(id, { event });
      void message.success(t('cases.saved'));
      refresh();
    } catch (e) {
      reportError(e);
    }
  };

  if (error)
    return isApiError(error) && error.status === 404 ? (
      <NotFoundResult back={{ to: '/cases', label: t('cases.title') }} />
    ) : (
      <LoadError error={error} onRetry={reload} />
    );
  if (loading && !c) return <Skeleton active />;
  if (!c) return null;
  const notRecorded = t('common.notRecorded');

  return (
    <>
      <PageHeading
        title={t('cases.caseOf', { name: c.student.name })}
        documentTitle={t('cases.caseTitle')}
        extra={
          <Flex gap={8} align="center">
            <CaseStateTag state={c.state} />
            <RiskTag level={c.riskLevel} />
          </Flex>
        }
      />
      <NextSteps c={c} open={setDialog} transition={(e) => void transition(e)} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Card title={sectionTitle(t('cases.overview'))}>
              <Descriptions
                size="small"
                column={1}
                items={[
                  {
                    key: 'student',
                    label: t('cases.student'),
                    children: `${c.student.name}（${c.student.gradeName}${c.student.className}，${c.student.studentNo}）`,
                  },
                  {
                    key: 'opened',
                    label: t('cases.openedAt'),
                    children: `${formatDateTime(c.openedAt, locale)} · ${c.openedBy.name}`,
                  },
                  {
                    key: 'alerts',
                    label: t('cases.alerts'),
                    children:
                      c.alerts
                        .map(
                          (a) =>
                            `${t(`alerts.urgency.${a.urgency}`, { defaultValue: a.urgency })} · ${formatShortDateTime(a.createdAt, locale)}`,
                        )
                        .join('；') || t('common.none'),
                  },
                  {
                    key: 'reasons',
                    label: t('cases.riskReasons'),
                    children:
                      c.riskReasons.map((r) => t(`cases.reason.${r}`, { defaultValue: r })).join('、') || notRecorded,
                  },
                  {
                    key: 'interview',
                    label: t('cases.interview'),
                    children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.assessment?.interview ?? notRecorded}</span>,
                  },
                  {
                    key: 'guardian',
                    label: t('cases.guardianInformed'),
                    children: c.guardianInformedAt
                      ? `${formatDateTime(c.guardianInformedAt, locale)}${
                          c.guardianContactMethod ? ` · ${t(`cases.contactMethods.${c.guardianContactMethod}`)}` : ''
                        }`
                      : t('common.no'),
                  },
                  ...(c.conclusion
                    ? [{ key: 'conclusion', label: t('cases.conclusion'), children: c.conclusion }]
                    : []),
                ]}
              />
            </Card>
            <Card title={sectionTitle(t('cases.planTitle'))}>
              {c.plan ? (
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    {
                      key: 'goals',
                      label: t('cases.goals'),
                      children: (
                        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                          {c.plan.goals.map((g, i) => (
                            <li key={i}>{g}</li>
                          ))}
                        </ul>
                      ),
                    },
                    {
                      key: 'actions',
                      label: t('cases.plannedActions'),
                      children: c.plan.actions.map((a) => t(`cases.action.${a}`)).join('、') || t('common.none'),
                    },
                    {
                      key: 'helpers',
                      label: t('cases.helpers'),
                      children: c.helpers.map((h) => `${h.name}（${t(`cases.helperRole.${h.role}`)}）`).join('、'),
                    },
                    ...(c.plan.note ? [{ key: 'note', label: t('cases.note'), children: c.plan.note }] : []),
                  ]}
                />
              ) : (
                <Empty description={t('cases.noPlan')} />
              )}
            </Card>
            <Card title={sectionTitle(t('cases.followUps'))}>
              <FollowUps c={c} onChange={refresh} />
            </Card>
            {can('response.read') && (
              <Card title={sectionTitle(t('cases.trajectory'))}>
                <Trajectory id={c.id} version={version} />
              </Card>
            )}
            {c.referrals.length > 0 && (
              <Card title={sectionTitle(t('cases.referrals'))}>
                {c.referrals.map((r) => (
                  <Descriptions
                    key={r.id}
                    size="small"
                    column={1}
                    bordered
                    style={{ marginBottom: 12 }}
                    items={[
                      {
                        key: 'hospital',
                        label: t('cases.hospital'),
                        children: (
                          <Flex gap={8} align="center">
                            {r.hospital.name}
                            <StatusTag tone="neutral">{t(`cases.referralStatus.${r.status}`)}</StatusTag>
                          </Flex>
                        ),
                      },
                      { key: 'reason', label: t('cases.referralReason'), children: r.reason },
                      {
                        key: 'consent',
                        label: t('cases.consent'),
                        children: r.consentRecordedAt
                          ? `${r.consentGuardianName ?? ''} · ${formatDateTime(r.consentGivenAt ?? r.consentRecordedAt, locale)}${
                              r.consentContactMethod ? ` · ${t(`cases.contactMethods.${r.consentContactMethod}`)}` : ''
                            }`
                          : t('cases.awaitingConsent'),
                      },
                      {
                        key: 'feedback',
                        label: t('cases.feedback'),
                        children: r.feedbackAt
                          ? `${r.recommendation ?? ''}（${r.admitted ? t('cases.admitted') : t('cases.notAdmitted')}）`
                          : t('cases.awaitingFeedback'),
                      },
                      ...(r.returnedAt
                        ? [
                            {
                              key: 'return',
                              label: t('cases.returnedAt'),
                              children: `${formatDateTime(r.returnOccurredAt ?? r.returnedAt, locale)}${
                                r.returnMethod ? ` · ${t(`cases.contactMethods.${r.returnMethod}`)}` : ''
                              }${r.certificateRef ? ` · ${r.certificateRef}` : ''}`,
                            },
                          ]
                        : []),
                      ...(r.stay
                        ? [
                            {
                              key: 'stay',
                              label: t('cases.stayTitle'),
                              children: (
                                <span style={{ whiteSpace: 'pre-wrap' }}>
                                  {`${formatDateTime(r.stay.admittedAt, locale)} – ${
                                    r.stay.dischargedAt
                                      ? formatDateTime(r.stay.dischargedAt, locale)
                                      : t('cases.stillAdmitted')
                                  }${r.stay.dischargeSummary ? `\n${r.stay.dischargeSummary}` : ''}`}
                                </span>
                              ),
                            },
                          ]
                        : []),
                      ...(r.endedAt
                        ? [
                            {
                              key: 'ended',
                              label: t('cases.endReason'),
                              children: `${formatDateTime(r.endedAt, locale)}${r.endReason ? ` · ${r.endReason}` : ''}`,
                            },
                          ]
                        : []),
                    ]}
                  />
                ))}
              </Card>
            )}
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={sectionTitle(t('cases.timeline'))}>
            <CaseTimeline id={c.id} version={version} />
          </Card>
        </Col>
      </Row>
      <CaseDialogs
        c={c}
        dialog={dialog}
        onClose={() => setDialog(null)}
        onDone={() => {
          setDialog(null);
          void message.success(t('cases.saved'));
          refresh();
        }}
      />
    </>
  );
}
