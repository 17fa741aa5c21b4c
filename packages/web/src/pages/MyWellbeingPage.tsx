import { useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Flex, Form, Input, Radio, Row, Skeleton, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import '../i18n/wellbeing';
import {
  wellbeingApi,
  type InstrumentCode,
  type MyWellbeing,
  type Taken,
  type WellbeingInstrument,
  type WellbeingResult,
} from '../api/wellbeing';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { formatShortDateTime } from '../lib/format';

type Level = WellbeingResult['level'];
const levelKey = (level: Level) => level ?? 'incomplete';

function Hotlines({ hotlines }: { hotlines: MyWellbeing['hotlines'] }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="wellbeing-hotlines">
      {hotlines.map((h) => (
        <li key={h.number}>
          {h.name}: <a href={`tel:${h.number}`}>{h.number}</a>
        </li>
      ))}
    </ul>
  );
}

/** The offer of a call-back after a critical answer: nothing is sent unless the teacher asks for it. */
function CallbackOffer({ onAsked, always = false }: { onAsked: () => void; always?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const [form] = Form.useForm<{ phone: string }>();
  const [clientId] = useState(() => crypto.randomUUID());
  const [state, setState] = useState<'open' | 'asked' | 'declined'>('open');
  const [sending, setSending] = useState(false);
  if (state === 'asked') return <Alert type="success" showIcon title={t('wellbeing:callback.asked')} />;
  if (state === 'declined')
    return <Typography.Text type="secondary">{t('wellbeing:callback.declined')}</Typography.Text>;
  const ask = async ({ phone }: { phone: string }) => {
    setSending(true);
    try {
      await wellbeingApi.askCallback(clientId, phone);
      setState('asked');
      void message.success(t('wellbeing:callback.asked'));
      onAsked();
    } catch (err) {
      report(err, form);
    } finally {
      setSending(false);
    }
  };
  return (
    <Card size="small" title={always ? t('wellbeing:callback.offerAnyTime') : t('wellbeing:callback.title')}>
      <Typography.Paragraph>{t('wellbeing:callback.body')}</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={(v) => void ask(v)}>
        <Form.Item name="phone" label={t('wellbeing:callback.phone')} rules={[{ required: true }]}>
          <Input placeholder={t('wellbeing:callback.phoneHint')} inputMode="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={sending}>
              {t('wellbeing:callback.ask')}
            </Button>
            {!always && <Button onClick={() => setState('declined')}>{t('wellbeing:callback.decline')}</Button>}
          </Flex>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** One instrument, item by item; the answers go to the server once and are not kept there. */
function SelfCheckForm({
  def,
  onDone,
  onCancel,
}: {
  def: WellbeingInstrument;
  onDone: (taken: Taken) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const report = useReportError();
  const [answers, setAnswers] = useState<Array<number | null>>(() => def.items.map(() => null));
  const [clientId] = useState(() => crypto.randomUUID());
  const [sending, setSending] = useState(false);
  const missing = answers.filter((a) => a === null).length;
  const submit = async () => {
    setSending(true);
    try {
      onDone(await wellbeingApi.take({ clientId, instrument: def.code as InstrumentCode, answers }));
    } catch (err) {
      report(err);
    } finally {
      setSending(false);
    }
  };
  return (
    <Card title={def.name} data-testid="wellbeing-form">
      <Typography.Paragraph>{def.instructions}</Typography.Paragraph>
      <ol style={{ paddingInlineStart: 20 }}>
        {def.items.map((item, i) => (
          <li key={item.linkId} style={{ marginBottom: 16 }}>
            <div id={`q-${item.linkId}`} style={{ marginBottom: 6 }}>
              {item.text}
            </div>
            <Radio.Group
              aria-labelledby={`q-${item.linkId}`}
              value={answers[i]}
              onChange={(e) => setAnswers((prev) => prev.map((a, j) => (j === i ? (e.target.value as number) : a)))}
              options={(item.options ?? def.options).map((o) => ({ value: o.code, label: o.label }))}
            />
          </li>
        ))}
      </ol>
      {def.footer && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {def.footer}
        </Typography.Paragraph>
      )}
      <Flex gap={8} align="center">
        <Button
          type="primary"
          data-testid="wellbeing-submit"
          onClick={() => void submit()}
          loading={sending}
          disabled={missing > 0}
        >
          {t('wellbeing:mine.submit')}
        </Button>
        <Button onClick={onCancel}>{t('wellbeing:mine.cancel')}</Button>
        {missing > 0 && (
          <Typography.Text type="secondary">{t('wellbeing:mine.unanswered', { n: missing })}</Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

/** The result in neutral words; a critical answer brings the hotlines to the top and offers a call-back. */
function ResultView({ taken, onAgain, onAsked }: { taken: Taken; onAgain: () => void; onAsked: () => void }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16} data-testid="wellbeing-result">
      {taken.critical && (
        <Alert
          type="warning"
          showIcon
          title={t('wellbeing:crisis.title')}
          description={
            <>
              <Hotlines hotlines={taken.hotlines} />
              <div style={{ marginTop: 6 }}>{t('wellbeing:crisis.body')}</div>
            </>
          }
        />
      )}
      <Card title={t('wellbeing:mine.yourResult')}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t(`wellbeing:level.${levelKey(taken.level)}`)}
        </Typography.Title>
        <Typography.Paragraph>{t(`wellbeing:message.${levelKey(taken.level)}`)}</Typography.Paragraph>
        <Button onClick={onAgain}>{t('wellbeing:mine.again')}</Button>
      </Card>
      {taken.offerCallback && <CallbackOffer onAsked={onAsked} />}
    </Flex>
  );
}

/** A staff member's own confidential self-screening: take one, read the result and earlier ones, find help. */
export default function MyWellbeingPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { data, error, loading, reload } = useAsync((signal) => wellbeingApi.mine(signal), []);
  const [picked, setPicked] = useState<InstrumentCode | null>(null);
  const [taken, setTaken] = useState<Taken | null>(null);
  const def = useAsync((signal) => wellbeingApi.instrument(picked!, signal), [picked], picked !== null, {
    followLanguage: false,
  });

  const body = () => {
    if (taken)
      return (
        <ResultView
          taken={taken}
          onAgain={() => {
            setTaken(null);
            setPicked(null);
          }}
          onAsked={reload}
        />
      );
    if (picked) {
      if (def.error) return <LoadError error={def.error} onRetry={def.reload} />;
      if (!def.data || def.loading) return <Skeleton active />;
      return (
        <SelfCheckForm
          key={picked}
          def={def.data}
          onCancel={() => setPicked(null)}
          onDone={(result) => {
            setTaken(result);
            reload();
          }}
        />
      );
    }
    return (
      <Card title={t('wellbeing:mine.choose')}>
        <Row gutter={[16, 16]}>
          {data!.instruments.map((i) => (
            <Col xs={24} md={8} key={i.code}>
              <Card size="small" title={i.shortName}>
                <Typography.Paragraph>{i.name}</Typography.Paragraph>
                <Flex justify="space-between" align="center">
                  <Typography.Text type="secondary">{t('wellbeing:mine.items', { n: i.itemCount })}</Typography.Text>
                  <Button
                    type="primary"
                    onClick={() => setPicked(i.code)}
                    aria-label={`${t('wellbeing:mine.start')} ${i.shortName}`}
                  >
                    {t('wellbeing:mine.start')}
                  </Button>
                </Flex>
              </Card>
            </Col>
          ))}
        </Row>
      </Card>
    );
  };

  return (
    <>
      <PageHeading title={t('wellbeing:mine.title')} />
      <Typography.Paragraph style={{ maxWidth: 760, color: 'rgba(0,0,0,0.72)' }}>
        {t('wellbeing:mine.intro')}
      </Typography.Paragraph>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Skeleton active />
      ) : data ? (
        <Flex vertical gap={16}>
          {body()}
          <Card title={t('wellbeing:mine.history')}>
            {data.results.length === 0 ? (
              <Empty description={t('wellbeing:mine.noHistory')} />
            ) : (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={data.results}
                columns={[
                  {
                    title: t('wellbeing:mine.takenAt'),
                    dataIndex: 'takenAt',
                    render: (v: string) => formatShortDateTime(v, locale),
                  },
                  { title: t('wellbeing:mine.instrument'), dataIndex: 'shortName' },
                  {
                    title: t('wellbeing:mine.result'),
                    dataIndex: 'level',
                    render: (level: Level) => t(`wellbeing:level.${levelKey(level)}`),
                  },
                  { title: t('wellbeing:mine.score'), dataIndex: 'total', align: 'right' },
                ]}
              />
            )}
          </Card>
          <Card title={t('wellbeing:resources.title')}>
            <Typography.Paragraph>{t('wellbeing:resources.tips')}</Typography.Paragraph>
            <Typography.Text strong>{t('wellbeing:resources.hotlines')}</Typography.Text>
            <Hotlines hotlines={data.hotlines} />
            {data.callbacks.length > 0 && (
              <>
                <Typography.Paragraph strong style={{ marginTop: 12, marginBottom: 4 }}>
                  {t('wellbeing:callback.mine')}
                </Typography.Paragraph>
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {data.callbacks.map((c) => (
                    <li key={c.id}>
                      {formatShortDateTime(c.requestedAt, locale)} ·{' '}
                      {c.doneAt ? t('wellbeing:callback.done') : t('wellbeing:callback.waiting')}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Card>
          {!taken?.offerCallback && <CallbackOffer always onAsked={reload} />}
        </Flex>
      ) : null}
    </>
  );
}
