import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Flex, Form, Input, List, Row, Select, Skeleton, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { MAILBOX_REASON_MAX, MAILBOX_TEXT_MAX, URGENCIES } from '@yuxin/core';
import { mailboxApi, type MailboxThread } from '../api/mailbox';
import PageHeading from '../components/PageHeading';
import StatusTag from '../components/StatusTag';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { useMailboxT } from '../i18n/mailbox';
import { formatShortDateTime } from '../lib/format';

type Urgency = (typeof URGENCIES)[number];

/** The answer box: one retry key per draft, so a repeated click posts one answer. */
function AnswerForm({ id, onDone }: { id: string; onDone: () => void }) {
  const tm = useMailboxT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const key = useRef(crypto.randomUUID());
  const send = async () => {
    setBusy(true);
    try {
      await mailboxApi.answer(id, { text, clientId: key.current });
      key.current = crypto.randomUUID();
      setText('');
      void message.success(tm('answerSent'));
      onDone();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="vertical" onFinish={() => void send()}>
      <Form.Item label={tm('answerLabel')} htmlFor="mailbox-answer">
        <Input.TextArea
          id="mailbox-answer"
          rows={4}
          value={text}
          maxLength={MAILBOX_TEXT_MAX}
          onChange={(e) => setText(e.target.value)}
          data-testid="mailbox-answer-text"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} disabled={!text.trim()} data-testid="mailbox-answer">
        {tm('answer')}
      </Button>
    </Form>
  );
}

/** Marking at risk: for a named letter an alert; an anonymous one is explained, never offered. */
function RiskForm({ t, onDone }: { t: MailboxThread; onDone: () => void }) {
  const tm = useMailboxT();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [reason, setReason] = useState('');
  const [urgency, setUrgency] = useState<Urgency>('high');
  const [busy, setBusy] = useState(false);
  if (t.anonymous)
    return <Alert type="info" showIcon message={tm('riskAnonymous')} data-testid="mailbox-risk-anonymous" />;
  const mark = async () => {
    setBusy(true);
    try {
      await mailboxApi.markRisk(t.id, { reason, urgency });
      void message.success(tm('riskDone'));
      onDone();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form layout="vertical" onFinish={() => void mark()}>
      <Form.Item label={tm('riskReason')} extra={tm('riskReasonHelp')} htmlFor="mailbox-risk-reason">
        <Input.TextArea
          id="mailbox-risk-reason"
          rows={2}
          value={reason}
          maxLength={MAILBOX_REASON_MAX}
          onChange={(e) => setReason(e.target.value)}
          data-testid="mailbox-risk-reason"
        />
      </Form.Item>
      <Form.Item label={tm('urgency')}>
        <Select<Urgency>
          value={urgency}
          onChange={setUrgency}
          style={{ width: 160 }}
          options={URGENCIES.map((u) => ({ value: u, label: tm(`urgencyLevel.${u}`) }))}
          data-testid="mailbox-risk-urgency"
        />
      </Form.Item>
      <Button danger htmlType="submit" loading={busy} disabled={!reason.trim()} data-testid="mailbox-risk">
        {tm('riskSubmit')}
      </Button>
    </Form>
  );
}

function ThreadView({ id, onChanged }: { id: string; onChanged: () => void }) {
  const tm = useMailboxT();
  const locale = currentLocale();
  const { data, error, loading, reload } = useAsync((signal) => mailboxApi.thread(id, signal), [id]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading || !data) return <Skeleton active />;
  const t = data;
  const changed = () => {
    reload();
    onChanged();
  };
  return (
    <Flex vertical gap={16} data-testid="mailbox-staff-thread">
      <Card size="small">
        <Typography.Text strong>{tm('writer')}：</Typography.Text>{' '}
        {t.student ? `${t.student.name}（${t.student.className}）` : tm('anonymousWriter')}
      </Card>
      {t.messages.map((m) => (
        <Card
          key={m.id}
          size="small"
          data-testid={`mailbox-staff-message-${m.author}`}
          style={m.author === 'teacher' ? { borderInlineStart: '4px solid #0f766e' } : undefined}
        >
          <Typography.Text strong>
            {m.author === 'teacher' ? tm('teacherNamed', { name: m.authorName ?? '' }) : tm('writer')}
          </Typography.Text>{' '}
          <Typography.Text type="secondary">{formatShortDateTime(m.at, locale)}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '6px 0 0' }}>{m.text}</Typography.Paragraph>
        </Card>
      ))}
      <Card size="small" title={tm('answer')}>
        <AnswerForm id={t.id} onDone={changed} />
      </Card>
      <Card size="small" title={tm('risk')}>
        {t.risk ? (
          <Flex vertical gap={8} data-testid="mailbox-risk-info">
            <span>
              {tm('riskInfo', {
                by: t.risk.markedBy,
                time: formatShortDateTime(t.risk.markedAt, locale),
                reason: t.risk.reason,
              })}
            </span>
            {t.risk.alertId && (
              <Link to="/alerts" data-testid="mailbox-open-alert">
                {tm('openAlert')}
              </Link>
            )}
          </Flex>
        ) : (
          <RiskForm t={t} onDone={changed} />
        )}
      </Card>
    </Flex>
  );
}

/** 心理信箱 for the school's psychology teachers: the letters, unanswered first; answer and mark at risk. */
export default function MailboxPage() {
  const tm = useMailboxT();
  const locale = currentLocale();
  const { data, error, loading, reload } = useAsync((signal) => mailboxApi.queue(signal), []);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div>
      <PageHeading title={tm('staffTitle')} />
      <Typography.Paragraph type="secondary">{tm('staffIntro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card size="small">
            {error ? (
              <LoadError error={error} onRetry={reload} />
            ) : loading && !data ? (
              <Skeleton active />
            ) : (data?.items ?? []).length === 0 ? (
              <Empty description={tm('queueEmpty')} />
            ) : (
              <List
                dataSource={data!.items}
                renderItem={(item) => (
                  <List.Item
                    data-testid="mailbox-queue-item"
                    style={{ cursor: 'pointer', background: item.id === open ? '#f0fdfa' : undefined }}
                    onClick={() => setOpen(item.id)}
                    actions={[
                      <Button key="open" size="small" onClick={() => setOpen(item.id)}>
                        {tm('open')}
                      </Button>,
                    ]}
                  >
                    <List.Item.Meta
                      title={item.student ? `${item.student.name}（${item.student.className}）` : tm('anonymousWriter')}
                      description={
                        <Flex gap={4} wrap>
                          <StatusTag tone={item.state === 'waiting' ? 'warn' : 'good'}>
                            {tm(`state.${item.state}`)}
                          </StatusTag>
                          {item.anonymous && <StatusTag tone="neutral">{tm('kind.anonymous')}</StatusTag>}
                          {item.riskMarked && <StatusTag tone="bad">{tm('riskMarked')}</StatusTag>}
                          <span>
                            {tm('lastAt')} {formatShortDateTime(item.lastAt, locale)} ·{' '}
                            {tm('messages', { count: item.messageCount })}
                          </span>
                        </Flex>
                      }
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          {open ? <ThreadView key={open} id={open} onChanged={reload} /> : <Empty description={tm('select')} />}
        </Col>
      </Row>
    </div>
  );
}
