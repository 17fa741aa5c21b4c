import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Radio,
  Result,
  Select,
  Skeleton,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { chinaNow, chinaToday, pickedDay, pickedInstant } from '../lib/chinaTime';
import { useTranslation } from 'react-i18next';
import { OBSERVATION_SIGNS, URGENCIES, type NetworkLevel, type ObservationSign, type Urgency } from '@yuxin/core';
import { warningApi } from '../api/warning';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';
import { newSubmissionId } from '../lib/localDraft';
import { useSignedIn } from '../session/useSession';

interface FormValues {
  studentId: string;
  level?: NetworkLevel;
  signs: ObservationSign[];
  seenAt: Dayjs;
  urgency: Urgency;
  text?: string;
}

/**
 * The warning network's short form (心理委员, head teachers, teachers, guardians): who, what was seen,
 * when, how urgent. What is sent goes to the school's psychology teachers and cannot be read back here.
 */
export default function ObservePage() {
  const { t } = useTranslation();
  // Staff are told whom to call themselves; a head teacher is not sent to the head teacher.
  const user = useSignedIn().user;
  const reportError = useReportError();
  const [form] = Form.useForm<FormValues>();
  const [q, setQ] = useState<string>();
  const [clientId, setClientId] = useState(newSubmissionId);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<{ urgency: Urgency } | null>(null);
  const { data, error, loading, reload } = useAsync((signal) => warningApi.subjects(q, signal), [q]);

  const submit = async (v: FormValues) => {
    setSending(true);
    try {
      await warningApi.file({
        clientId,
        studentId: v.studentId,
        level: v.level,
        signs: v.signs ?? [],
        seenAt: pickedInstant(v.seenAt),
        urgency: v.urgency,
        text: v.text?.trim() || undefined,
      });
      setSent({ urgency: v.urgency });
    } catch (e) {
      reportError(e, form);
    } finally {
      setSending(false);
    }
  };

  const another = () => {
    form.resetFields();
    setClientId(newSubmissionId());
    setSent(null);
  };

  if (sent) {
    return (
      <>
        <PageHeading title={t('observe.title')} />
        <Card>
          <Result
            status="success"
            title={t('observe.sentTitle')}
            subTitle={t('observe.sentText')}
            extra={
              <Button type="primary" onClick={another} data-testid="observe-another">
                {t('observe.another')}
              </Button>
            }
          />
          {sent.urgency === 'crisis' && (
            <Alert
              type="warning"
              showIcon
              message={t(user.kind === 'staff' ? 'observe.crisisHintStaff' : 'observe.crisisHint')}
            />
          )}
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeading title={t('observe.title')} />
      <Typography.Paragraph style={{ maxWidth: 720, color: 'rgba(0,0,0,0.72)' }}>
        {t('observe.intro')}
      </Typography.Paragraph>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Skeleton active />
      ) : (
        <Card style={{ maxWidth: 720 }}>
          <Form<FormValues>
            form={form}
            layout="vertical"
            requiredMark
            initialValues={{
              seenAt: chinaNow(),
              urgency: 'attention',
              signs: [],
              level: data?.defaultLevel ?? undefined,
            }}
            onFinish={(v) => void submit(v)}
            data-testid="observe-form"
          >
            <Form.Item
              name="studentId"
              label={t('observe.student')}
              rules={[{ required: true, message: t('common.requiredSelect', { field: t('observe.student') }) }]}
            >
              <Select
                showSearch
                filterOption={false}
                onSearch={(v) => setQ(v || undefined)}
                placeholder={t('observe.studentPlaceholder')}
                notFoundContent={t('observe.noStudents')}
                options={(data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.className}）` }))}
                data-testid="observe-student"
              />
            </Form.Item>
            <Form.Item name="signs" label={t('observe.signs')} extra={t('observe.signsHelp')}>
              <Checkbox.Group
                style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 8 }}
              >
                {OBSERVATION_SIGNS.map((s) => (
                  <Checkbox key={s} value={s} data-testid={`observe-sign-${s}`}>
                    {t(`observe.sign.${s}`)}
                  </Checkbox>
                ))}
              </Checkbox.Group>
            </Form.Item>
            <Form.Item name="text" label={t('observe.text')}>
              <Input.TextArea
                rows={4}
                maxLength={2000}
                showCount
                placeholder={t('observe.textPlaceholder')}
                data-testid="observe-text"
              />
            </Form.Item>
            <Form.Item
              name="seenAt"
              label={t('observe.seenAt')}
              rules={[{ required: true, message: t('common.requiredSelect', { field: t('observe.seenAt') }) }]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                disabledDate={(d) => pickedDay(d) > chinaToday() || pickedDay(d) < chinaToday(-30)}
                inputReadOnly
              />
            </Form.Item>
            <Form.Item name="urgency" label={t('observe.urgency')} rules={[{ required: true }]}>
              <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
                {URGENCIES.map((u) => (
                  <Radio key={u} value={u} data-testid={`observe-urgency-${u}`}>
                    <strong>{t(`alerts.urgency.${u}`)}</strong>
                    <span style={{ color: 'rgba(0,0,0,0.68)' }}> — {t(`observe.urgencyHelp.${u}`)}</span>
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            {(data?.levels.length ?? 0) > 0 && (
              <Form.Item name="level" label={t('observe.level')}>
                <Select
                  allowClear
                  options={(data?.levels ?? []).map((l) => ({
                    value: l,
                    label: t(`observe.levels.${l}`, { defaultValue: l }),
                  }))}
                />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" loading={sending} block data-testid="observe-submit">
              {t('observe.submit')}
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}
