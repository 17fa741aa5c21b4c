import { useState, type ReactNode } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Row,
  Select,
  Skeleton,
  Table,
  Timeline,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { archiveApi, type ArchiveSections, type HomeContactBody, type StudentArchive } from '../api/archive';
import { isApiError } from '../api/problem';
import type { Locale } from '../api/types';
import CareTags from '../components/CareTags';
import PageHeading from '../components/PageHeading';
import { LoadError, NotFoundResult } from '../components/Results';
import TrajectoryChart from '../components/cases/TrajectoryChart';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';
import { useTitle } from '../hooks/useTitle';
import { useArchiveT } from '../i18n/archive';
import { chinaToday } from '../lib/chinaTime';
import { saveBlob } from '../lib/download';
import { formatDate, formatDateTime } from '../lib/format';

type Sections = Required<ArchiveSections>;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Col span={24}>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>} data-testid={`archive-${id}`}>
        {children}
      </Card>
    </Col>
  );
}

function Profile({ p }: { p: Sections['profile'] }) {
  const ta = useArchiveT();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'no', label: ta('profile.studentNo'), children: <span className="yx-mono">{p.studentNo}</span> },
        { key: 'class', label: ta('profile.class'), children: `${p.schoolName} ${p.gradeName} ${p.className}` },
        {
          key: 'tags',
          label: ta('profile.careTags'),
          children: p.careTags.length ? <CareTags tags={p.careTags} /> : ta('none'),
        },
        {
          key: 'guardians',
          label: ta('profile.guardians'),
          children:
            p.guardians
              .map((g) => `${g.name}（${t(`relation.${g.relation}`, { defaultValue: g.relation })}）`)
              .join('、') || ta('none'),
        },
        {
          key: 'enrollments',
          label: ta('profile.enrollments'),
          span: 'filled',
          children: p.enrollments
            .map(
              (e) => `${e.schoolYear} ${e.schoolName} ${e.gradeName} ${e.className}（${formatDate(e.from, locale)}）`,
            )
            .join('；'),
        },
      ]}
    />
  );
}

function Tiers({ v }: { v: Sections['tiers'] }) {
  const ta = useArchiveT();
  const { i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <>
      <Descriptions
        size="small"
        column={2}
        items={[
          {
            key: 'current',
            label: ta('tier.current'),
            children: v.current === null ? ta('tier.none') : ta('tier.value', { tier: v.current }),
          },
          { key: 'at', label: ta('tier.confirmedAt'), children: formatDateTime(v.confirmedAt, locale) || '—' },
        ]}
      />
      {v.history.length > 0 && (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={v.history}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: ta('tier.reviewedAt'),
              dataIndex: 'reviewedAt',
              render: (d: string | null) => formatDate(d, locale),
            },
            { title: ta('tier.campaign'), dataIndex: 'campaignName' },
            { title: ta('tier.suggested'), dataIndex: 'suggestedTier' },
            { title: ta('tier.confirmed'), dataIndex: 'confirmedTier' },
            { title: ta('tier.reason'), dataIndex: 'reviewReason' },
            { title: ta('tier.reviewedBy'), dataIndex: 'reviewedBy' },
          ]}
        />
      )}
    </>
  );
}

function Observations({ v }: { v: Sections['observations'] }) {
  const ta = useArchiveT();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  if (!v.items.length) return <Empty description={ta('none')} />;
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={v.items}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: ta('observation.seenAt'), dataIndex: 'seenAt', render: (d: string) => formatDateTime(d, locale) },
        {
          title: ta('observation.urgency'),
          dataIndex: 'urgency',
          render: (u: string) => ta(`urgency.${u}`, { defaultValue: u }),
        },
        {
          title: ta('observation.signs'),
          dataIndex: 'signs',
          render: (signs: string[]) => signs.map((s) => t(`observe.sign.${s}`, { defaultValue: s })).join('、'),
        },
        { title: ta('observation.note'), dataIndex: 'note' },
        {
          title: ta('observation.filedRole'),
          dataIndex: 'filedRole',
          render: (r: string) => t(`roles.${r}`, { defaultValue: r }),
        },
      ]}
    />
  );
}

function Cases({ v }: { v: Sections['cases'] }) {
  const ta = useArchiveT();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  if (!v.items.length) return <Empty description={ta('none')} />;
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={v.items}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: ta('case.openedAt'), dataIndex: 'openedAt', render: (d: string) => formatDate(d, locale) },
        {
          title: ta('case.state'),
          dataIndex: 'state',
          render: (s: string) => t(`cases.state.${s}`, { defaultValue: s }),
        },
        { title: ta('case.updatedAt'), dataIndex: 'updatedAt', render: (d: string) => formatDate(d, locale) },
        {
          title: ta('case.riskLevel'),
          key: 'risk',
          render: (_: unknown, c) => ('riskLevel' in c ? (c.riskLevel ?? '—') : '—'),
        },
        {
          key: 'open',
          render: (_: unknown, c) => ('openedBy' in c ? <Link to={`/cases/${c.id}`}>{ta('case.open')}</Link> : null),
        },
      ]}
    />
  );
}

function Referrals({ v }: { v: Sections['referrals'] }) {
  const ta = useArchiveT();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  if (!v.items.length) return <Empty description={ta('none')} />;
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={v.items}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: ta('referral.createdAt'), dataIndex: 'createdAt', render: (d: string) => formatDate(d, locale) },
        { title: ta('referral.hospital'), key: 'h', render: (_: unknown, r) => r.hospital.name },
        {
          title: ta('referral.status'),
          dataIndex: 'status',
          render: (s: string) => t(`cases.referralStatus.${s}`, { defaultValue: s }),
        },
        { title: ta('referral.reason'), dataIndex: 'reason' },
      ]}
    />
  );
}

/** The signed hand-over summaries of the student's moves (心理档案转接), oldest first. */
function Handover({ v }: { v: Sections['handover'] }) {
  const ta = useArchiveT();
  const { i18n } = useTranslation();
  const locale = i18n.language as Locale;
  if (!v.items.length) return <Empty description={ta('handoverEmpty')} />;
  return (
    <Timeline
      items={v.items.map((h) => ({
        key: h.id,
        children: (
          <div data-testid="archive-handover">
            <Typography.Text strong>
              {ta('handover.move', {
                from: h.fromSchool,
                to: h.toSchool,
                at: formatDate(h.acceptedAt ?? h.signedAt, locale),
              })}
            </Typography.Text>
            <div>
              {h.tier === null ? ta('tier.none') : ta('tier.value', { tier: h.tier })}
              {h.caseOpen ? ` · ${ta('handover.caseOpen')}` : ''}
            </div>
            {h.followUpNeeds && (
              <div style={{ whiteSpace: 'pre-wrap' }}>
                {ta('handover.followUp')}：{h.followUpNeeds}
              </div>
            )}
            {h.attention && (
              <div style={{ whiteSpace: 'pre-wrap' }}>
                {ta('handover.attention')}：{h.attention}
              </div>
            )}
            <Typography.Text type="secondary">
              {ta('handover.signed', { by: h.signedBy, at: formatDate(h.signedAt, locale) })}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}

function Family({
  studentId,
  v,
  canRecord,
  onSaved,
}: {
  studentId: string;
  v: Sections['family'];
  canRecord: boolean;
  onSaved: () => void;
}) {
  const ta = useArchiveT();
  const { i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { message } = App.useApp();
  const reportError = useReportError();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ family: string; growth: string }>();
  const save = async (values: { family: string; growth: string }) => {
    setBusy(true);
    try {
      const saved = await archiveApi.recordFamily(studentId, values);
      void message.success(ta('family.saved', { version: saved.version }));
      onSaved();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };
  const c = v.current;
  return (
    <>
      {c ? (
        <div data-testid="archive-family-current">
          <Typography.Paragraph type="secondary">
            {ta('family.current', { version: c.version, by: c.recordedBy, at: formatDate(c.recordedAt, locale) })}
          </Typography.Paragraph>
          <Typography.Title level={5}>{ta('family.family')}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.family}</Typography.Paragraph>
          <Typography.Title level={5}>{ta('family.growth')}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.growth}</Typography.Paragraph>
          {v.versions.length > 1 && (
            <Typography.Paragraph type="secondary">
              {ta('family.history')}：
              {v.versions
                .slice(1)
                .map((x) =>
                  ta('family.versionOf', {
                    version: x.version,
                    by: x.recordedBy,
                    at: formatDate(x.recordedAt, locale),
                  }),
                )
                .join('；')}
            </Typography.Paragraph>
          )}
        </div>
      ) : (
        <Empty description={ta('none')} />
      )}
      {canRecord && (
        <Form
          form={form}
          layout="vertical"
          onFinish={save}
          initialValues={c ? { family: c.family, growth: c.growth } : undefined}
          style={{ marginTop: 16 }}
          data-testid="archive-family-form"
        >
          <Typography.Title level={5}>{ta('family.edit')}</Typography.Title>
          <Form.Item
            name="family"
            label={ta('family.family')}
            extra={ta('family.familyHelp')}
            rules={[{ required: true, whitespace: true, message: ta('required') }]}
          >
            <Input.TextArea rows={3} maxLength={8000} />
          </Form.Item>
          <Form.Item
            name="growth"
            label={ta('family.growth')}
            extra={ta('family.growthHelp')}
            rules={[{ required: true, whitespace: true, message: ta('required') }]}
          >
            <Input.TextArea rows={3} maxLength={8000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {ta('family.save')}
          </Button>
        </Form>
      )}
    </>
  );
}

const MODES = ['visit', 'phone', 'online'] as const;

function HomeContacts({
  studentId,
  v,
  canRecord,
  onSaved,
}: {
  studentId: string;
  v: Sections['homeContacts'];
  canRecord: boolean;
  onSaved: () => void;
}) {
  const ta = useArchiveT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<HomeContactBody>();
  const save = async (values: HomeContactBody) => {
    setBusy(true);
    try {
      await archiveApi.recordHomeContact(studentId, values);
      void message.success(ta('contact.saved'));
      form.resetFields();
      onSaved();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {v.items.length ? (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={v.items}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: ta('contact.contactedOn'), dataIndex: 'contactedOn' },
            { title: ta('contact.mode'), dataIndex: 'mode', render: (m: string) => ta(`contact.modes.${m}`) },
            { title: ta('contact.participants'), dataIndex: 'participants' },
            { title: ta('contact.summary'), dataIndex: 'summary' },
            { title: ta('contact.recordedBy'), dataIndex: 'recordedBy' },
          ]}
        />
      ) : (
        <Empty description={ta('none')} />
      )}
      {canRecord && (
        <Form
          form={form}
          layout="vertical"
          onFinish={save}
          initialValues={{ contactedOn: chinaToday(), mode: 'visit' }}
          style={{ marginTop: 16 }}
          data-testid="archive-contact-form"
        >
          <Typography.Title level={5}>{ta('contact.add')}</Typography.Title>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="contactedOn"
                label={ta('contact.contactedOn')}
                rules={[{ required: true, message: ta('required') }]}
              >
                <Input type="date" max={chinaToday()} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="mode" label={ta('contact.mode')} rules={[{ required: true, message: ta('required') }]}>
                <Select options={MODES.map((m) => ({ value: m, label: ta(`contact.modes.${m}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="participants"
                label={ta('contact.participants')}
                rules={[{ required: true, whitespace: true, message: ta('required') }]}
              >
                <Input maxLength={200} placeholder={ta('contact.participantsHelp')} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="summary"
            label={ta('contact.summary')}
            rules={[{ required: true, whitespace: true, message: ta('required') }]}
          >
            <Input.TextArea rows={3} maxLength={8000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {ta('contact.save')}
          </Button>
        </Form>
      )}
    </>
  );
}

function Body({ data, reload }: { data: StudentArchive; reload: () => void }) {
  const ta = useArchiveT();
  const s = data.sections;
  const card = (id: keyof ArchiveSections, node: ReactNode) => (
    <Section key={id} id={id} title={ta(`section.${id}`)}>
      {node}
    </Section>
  );
  const render: { [K in keyof Sections]: (v: Sections[K]) => ReactNode } = {
    profile: (v) => <Profile p={v} />,
    screenings: (v) => (v.series.length ? <TrajectoryChart series={v.series} /> : <Empty description={ta('none')} />),
    tiers: (v) => <Tiers v={v} />,
    observations: (v) => <Observations v={v} />,
    cases: (v) => <Cases v={v} />,
    referrals: (v) => <Referrals v={v} />,
    handover: (v) => <Handover v={v} />,
    family: (v) => <Family studentId={data.studentId} v={v} canRecord={data.may.recordFamily} onSaved={reload} />,
    homeContacts: (v) => (
      <HomeContacts studentId={data.studentId} v={v} canRecord={data.may.recordFamily} onSaved={reload} />
    ),
  };
  return (
    <Row gutter={[16, 16]}>
      {data.readable.map((id) => {
        const value = s[id];
        return value === undefined ? null : card(id, (render[id] as (v: unknown) => ReactNode)(value));
      })}
    </Row>
  );
}

/** 一生一档: the student's archive, one card per section the reader may read. */
export default function ArchivePage() {
  const ta = useArchiveT();
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [exporting, setExporting] = useState(false);
  const { data, error, loading, reload } = useAsync((signal) => archiveApi.get(id, signal), [id]);
  useTitle(data ? ta('titleOf', { name: data.studentName }) : ta('title'));

  if (isApiError(error) && (error.status === 404 || error.kind === 'not-found' || error.kind === 'forbidden'))
    return (
      <NotFoundResult
        title={ta('notFoundTitle')}
        text={ta('notFoundText')}
        back={{ to: `/students/${id}`, label: ta('backToStudent') }}
      />
    );
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading || !data) return <Skeleton active />;

  const exportPdf = async () => {
    setExporting(true);
    try {
      const file = await archiveApi.pdf(id);
      saveBlob(file.blob, file.filename);
      void message.success(ta('downloaded', { filename: file.filename }));
    } catch (e) {
      reportError(e);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeading
        title={ta('titleOf', { name: data.studentName })}
        testId="archive-title"
        extra={
          data.may.export && (
            <Button onClick={exportPdf} loading={exporting} data-testid="archive-pdf">
              {ta('downloadPdf')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary">{ta('auditNotice')}</Typography.Paragraph>
      <Body data={data} reload={reload} />
    </>
  );
}
