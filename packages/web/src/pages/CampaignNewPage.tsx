import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Select, Skeleton, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { chinaNow, chinaToday, pickedDay, pickedInstant } from '../lib/chinaTime';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { campaignsApi, type CampaignKind, type InstrumentSet, type Respondent } from '../api/campaigns';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import ScopeTreeSelect from '../components/ScopeTreeSelect';
import StudentSearch from '../components/StudentSearch';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { useCan } from '../session/useCan';
import { CAMPAIGN_KINDS } from './CampaignsPage';

interface Values {
  name: string;
  kind: CampaignKind;
  ownerId: string;
  targetIds?: string[];
  studentIds?: string[];
  window: [Dayjs, Dayjs];
  instrumentSets: InstrumentSet[];
  noticeZh?: string;
  noticeEn?: string;
}

export default function CampaignNewPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const can = useCan();
  const reportError = useReportError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const settings = useAsync((signal) => campaignsApi.settings(signal), []);
  const instruments = useAsync((signal) => campaignsApi.instruments(signal), [], can('instrument.read'));
  const kind = Form.useWatch('kind', form);

  // Prefill from the city's settings once they arrive.
  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    const start = chinaNow().startOf('day');
    form.setFieldsValue({
      kind: s.campaignKinds[0] ?? 'universal',
      window: [start, start.add(s.defaultWindowDays - 1, 'day')],
      instrumentSets: s.defaultInstrumentSets.map((x) => ({ ...x, instruments: [...x.instruments] })),
    });
  }, [settings.data, form]);

  const instrumentOptions = useMemo(() => {
    const list = instruments.data?.items;
    if (list?.length)
      return list.map((i) => ({ value: i.code, label: `${i.shortName} · ${locale === 'en' ? i.name.en : i.name.zh}` }));
    const codes = new Set((settings.data?.defaultInstrumentSets ?? []).flatMap((s) => s.instruments));
    return [...codes].map((c) => ({ value: c, label: c }));
  }, [instruments.data, settings.data, locale]);

  const kinds = settings.data?.campaignKinds.length ? settings.data.campaignKinds : CAMPAIGN_KINDS;

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      const [from, to] = v.window;
      const monitoring = v.kind === 'monitoring';
      const created = await campaignsApi.create({
        ownerId: v.ownerId,
        name: v.name.trim(),
        kind: v.kind,
        opensAt: pickedInstant(from.startOf('day')),
        closesAt: pickedInstant(to.add(1, 'day').startOf('day')),
        noticeZh: v.noticeZh?.trim() || undefined,
        noticeEn: v.noticeEn?.trim() || undefined,
        targetIds: monitoring ? undefined : v.targetIds?.length ? v.targetIds : undefined,
        studentIds: monitoring ? v.studentIds : undefined,
        instrumentSets: v.instrumentSets,
      });
      await navigate(`/campaigns/${encodeURIComponent(created.id)}`);
    } catch (e) {
      reportError(e, form);
    } finally {
      setSaving(false);
    }
  };

  if (settings.error) return <LoadError error={settings.error} onRetry={settings.reload} />;

  return (
    <>
      <PageHeading title={t('campaignNew.title')} />
      {settings.loading ? (
        <Skeleton active />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          style={{ maxWidth: 960 }}
          scrollToFirstError
        >
          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('campaignNew.basics')}</h2>}
            style={{ marginBottom: 16 }}
          >
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="name"
                  label={t('campaigns.name')}
                  htmlFor="campaign-name"
                  rules={[
                    { required: true, whitespace: true, message: t('common.required', { field: t('campaigns.name') }) },
                  ]}
                >
                  <Input id="campaign-name" maxLength={100} placeholder={t('campaignNew.namePlaceholder')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="kind" label={t('campaigns.kind')} htmlFor="campaign-kind" rules={[{ required: true }]}>
                  <Select
                    id="campaign-kind"
                    options={kinds.map((k) => ({ value: k, label: t(`campaigns.kinds.${k}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="ownerId"
                  label={t('campaigns.owner')}
                  htmlFor="campaign-owner"
                  extra={t('campaignNew.ownerHelp')}
                  rules={[{ required: true, message: t('common.requiredSelect', { field: t('campaigns.owner') }) }]}
                >
                  <ScopeTreeSelect id="campaign-owner" placeholder={t('staff.scopePlaceholder')} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="window"
                  label={t('campaigns.window')}
                  htmlFor="campaign-window"
                  rules={[{ required: true, message: t('common.requiredSelect', { field: t('campaigns.window') }) }]}
                >
                  <DatePicker.RangePicker
                    id={{ start: 'campaign-window' }}
                    style={{ width: '100%' }}
                    disabledDate={(d) => pickedDay(d) < chinaToday()}
                  />
                </Form.Item>
              </Col>
              {kind === 'monitoring' ? (
                <Col xs={24}>
                  <Form.Item
                    name="studentIds"
                    label={t('campaignNew.students')}
                    htmlFor="campaign-students"
                    rules={[
                      { required: true, message: t('common.requiredSelect', { field: t('campaignNew.students') }) },
                    ]}
                  >
                    {can('student.list') ? (
                      <StudentSearch
                        id="campaign-students"
                        multiple
                        placeholder={t('campaignNew.studentsPlaceholder')}
                      />
                    ) : (
                      <Typography.Text>{t('campaignNew.studentsNeedList')}</Typography.Text>
                    )}
                  </Form.Item>
                </Col>
              ) : (
                <Col xs={24}>
                  <Form.Item
                    name="targetIds"
                    label={t('campaigns.targets')}
                    htmlFor="campaign-targets"
                    extra={t('campaignNew.targetsHelp')}
                  >
                    <ScopeTreeSelect id="campaign-targets" multiple placeholder={t('campaignNew.targetsPlaceholder')} />
                  </Form.Item>
                </Col>
              )}
            </Row>
          </Card>

          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('campaignNew.instruments')}</h2>}
            style={{ marginBottom: 16 }}
          >
            <Typography.Paragraph style={{ color: 'rgba(0,0,0,0.72)' }}>
              {t('campaignNew.instrumentsHelp')}
            </Typography.Paragraph>
            <Form.List name="instrumentSets">
              {(fields, { add, remove }) => (
                <Flex vertical gap={12}>
                  {fields.map((field) => (
                    <Card key={field.key} size="small" style={{ background: '#fafbfb' }} data-testid="instrument-set">
                      <Row gutter={12} align="bottom">
                        <Col xs={12} md={4}>
                          <Form.Item
                            name={[field.name, 'gradeFrom']}
                            label={t('campaignNew.gradeFrom')}
                            htmlFor={`set-${field.key}-from`}
                            rules={[{ required: true }]}
                          >
                            <InputNumber id={`set-${field.key}-from`} min={1} max={12} style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                        <Col xs={12} md={4}>
                          <Form.Item
                            name={[field.name, 'gradeTo']}
                            label={t('campaignNew.gradeTo')}
                            htmlFor={`set-${field.key}-to`}
                            rules={[{ required: true }]}
                          >
                            <InputNumber id={`set-${field.key}-to`} min={1} max={12} style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={5}>
                          <Form.Item
                            name={[field.name, 'respondent']}
                            label={t('campaignNew.respondent')}
                            htmlFor={`set-${field.key}-resp`}
                            rules={[{ required: true }]}
                          >
                            <Select<Respondent>
                              id={`set-${field.key}-resp`}
                              options={(['self', 'guardian'] as const).map((r) => ({
                                value: r,
                                label: t(`campaignNew.respondents.${r}`),
                              }))}
                            />
                          </Form.Item>
                        </Col>
                        <Col xs={20} md={10}>
                          <Form.Item
                            name={[field.name, 'instruments']}
                            label={t('campaignNew.instrumentList')}
                            htmlFor={`set-${field.key}-inst`}
                            rules={[
                              {
                                required: true,
                                type: 'array',
                                min: 1,
                                message: t('common.requiredSelect', { field: t('campaignNew.instrumentList') }),
                              },
                            ]}
                          >
                            <Select
                              id={`set-${field.key}-inst`}
                              mode="multiple"
                              options={instrumentOptions}
                              loading={instruments.loading}
                            />
                          </Form.Item>
                        </Col>
                        <Col xs={4} md={1}>
                          <Form.Item label={<span className="yx-visually-hidden">{t('campaignNew.removeSet')}</span>}>
                            <Button
                              type="text"
                              icon={<DeleteOutlined aria-hidden />}
                              aria-label={t('campaignNew.removeSet')}
                              onClick={() => remove(field.name)}
                              disabled={fields.length <= 1}
                            />
                          </Form.Item>
                        </Col>
                      </Row>
                    </Card>
                  ))}
                  <Button
                    icon={<PlusOutlined aria-hidden />}
                    onClick={() => add({ gradeFrom: 1, gradeTo: 12, respondent: 'self', instruments: [] })}
                    style={{ alignSelf: 'flex-start' }}
                  >
                    {t('campaignNew.addSet')}
                  </Button>
                </Flex>
              )}
            </Form.List>
          </Card>

          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('campaignNew.notice')}</h2>}
            style={{ marginBottom: 16 }}
          >
            <Typography.Paragraph style={{ color: 'rgba(0,0,0,0.72)' }}>
              {t('campaignNew.noticeHelp')}
            </Typography.Paragraph>
            <Form.Item name="noticeZh" label={t('campaignNew.noticeZh')} htmlFor="campaign-notice-zh">
              <Input.TextArea id="campaign-notice-zh" rows={4} maxLength={5000} showCount lang="zh-CN" />
            </Form.Item>
            <Form.Item name="noticeEn" label={t('campaignNew.noticeEn')} htmlFor="campaign-notice-en">
              <Input.TextArea id="campaign-notice-en" rows={4} maxLength={5000} showCount lang="en" />
            </Form.Item>
          </Card>

          <Flex gap={8} justify="end">
            <Button onClick={() => navigate('/campaigns')}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="campaign-save">
              {t('campaignNew.save')}
            </Button>
          </Flex>
        </Form>
      )}
    </>
  );
}
