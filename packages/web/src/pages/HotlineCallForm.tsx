import { useState } from 'react';
import { App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  CALLER_TYPES,
  HOTLINE_OUTCOMES,
  HOTLINE_RISKS,
  HOTLINE_TOPICS,
  schoolAlertRefusal,
  type CallerType,
  type HotlineOutcome,
  type HotlineRisk,
  type HotlineTopic,
} from '@yuxin/core';
import { useTranslation } from 'react-i18next';
import '../i18n/hotline';
import { hotlineApi } from '../api/hotline';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';
import { chinaNow, chinaToday, pickedDay, pickedInstant } from '../lib/chinaTime';
import { newSubmissionId } from '../lib/localDraft';

interface FormValues {
  startedAt: Dayjs;
  durationMinutes: number;
  callerType: CallerType;
  anonymous: boolean;
  studentId?: string;
  callerName?: string;
  callerSchool?: string;
  callerClass?: string;
  topics: HotlineTopic[];
  risk: HotlineRisk;
  intervention?: string;
  outcome: HotlineOutcome;
  followUp?: string;
  followUpAt?: Dayjs;
  notes?: string;
  alertSchool?: boolean;
  /** Named as the API names it, so a refusal of the reason lands under its field. */
  schoolAlert?: { reason?: string };
}

const grid = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))', gap: 8 } as const;

/**
 * The counselor's call form: who called (anonymous, or the student found on the roster, or what they
 * said of themself), what about, how risky, what was done. For an identified student at medium risk or
 * above the school can be told in the same step; it will read the risk and the reason only.
 */
export default function HotlineCallForm({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<FormValues>();
  const [clientId] = useState(newSubmissionId);
  const [q, setQ] = useState('');
  const [sending, setSending] = useState(false);
  const anonymous = Form.useWatch('anonymous', form) ?? false;
  const studentId = Form.useWatch('studentId', form);
  const risk = Form.useWatch('risk', form) ?? 'none';
  const alertSchool = Form.useWatch('alertSchool', form) ?? false;
  const students = useAsync(
    (signal) => (q.trim() ? hotlineApi.students(q.trim(), signal) : Promise.resolve({ items: [] })),
    [q],
  );
  const canAlert = schoolAlertRefusal({ anonymous, studentId: studentId ?? null, risk }) === null;

  const submit = async (v: FormValues) => {
    setSending(true);
    const text = (s: string | undefined) => s?.trim() || undefined;
    try {
      await hotlineApi.record({
        clientId,
        startedAt: pickedInstant(v.startedAt),
        durationMinutes: v.durationMinutes,
        callerType: v.callerType,
        anonymous: v.anonymous,
        studentId: v.anonymous ? undefined : v.studentId,
        callerName: v.anonymous ? undefined : text(v.callerName),
        callerSchool: v.anonymous ? undefined : text(v.callerSchool),
        callerClass: v.anonymous ? undefined : text(v.callerClass),
        topics: v.topics,
        risk: v.risk,
        intervention: text(v.intervention),
        outcome: v.outcome,
        followUp: text(v.followUp),
        followUpAt: v.followUpAt ? pickedInstant(v.followUpAt) : undefined,
        notes: text(v.notes),
        schoolAlert: canAlert && v.alertSchool ? { reason: v.schoolAlert?.reason?.trim() ?? '' } : undefined,
      });
      void message.success(t('hotline:form.saved'));
      onSaved();
    } catch (e) {
      reportError(e, form);
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <div>
        <Form<FormValues>
          form={form}
          layout="vertical"
          requiredMark
          initialValues={{
            startedAt: chinaNow(),
            durationMinutes: 15,
            callerType: 'student',
            anonymous: false,
            topics: [],
            risk: 'none',
            outcome: 'advised',
          }}
          onFinish={(v) => void submit(v)}
          data-testid="call-form"
        >
          <Form.Item name="startedAt" label={t('hotline:form.startedAt')} rules={[{ required: true }]}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              disabledDate={(d) => pickedDay(d) > chinaToday() || pickedDay(d) < chinaToday(-7)}
              inputReadOnly
            />
          </Form.Item>
          <Form.Item name="durationMinutes" label={t('hotline:form.duration')} rules={[{ required: true }]}>
            <InputNumber min={0} max={600} style={{ width: 160 }} data-testid="call-duration" />
          </Form.Item>
          <Form.Item name="callerType" label={t('hotline:form.callerType')} rules={[{ required: true }]}>
            <Radio.Group>
              {CALLER_TYPES.map((c) => (
                <Radio key={c} value={c} data-testid={`call-caller-${c}`}>
                  {t(`hotline:callerType.${c}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="anonymous" label={t('hotline:form.identity')}>
            <Radio.Group>
              <Radio value={false} data-testid="call-identified">
                {t('hotline:form.identified')}
              </Radio>
              <Radio value={true} data-testid="call-anonymous">
                {t('hotline:form.anonymous')}
              </Radio>
            </Radio.Group>
          </Form.Item>
          {!anonymous && (
            <>
              <Form.Item name="studentId" label={t('hotline:form.student')}>
                <Select
                  showSearch
                  allowClear
                  filterOption={false}
                  onSearch={setQ}
                  placeholder={t('hotline:form.studentPlaceholder')}
                  notFoundContent={q ? t('hotline:form.noStudents') : null}
                  options={(students.data?.items ?? []).map((s) => ({
                    value: s.id,
                    label: `${s.name}（${s.schoolName} ${s.className}）`,
                  }))}
                  data-testid="call-student"
                />
              </Form.Item>
              {!studentId && (
                <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: 12 }}>
                  <Form.Item name="callerName" label={t('hotline:form.callerName')}>
                    <Input maxLength={60} />
                  </Form.Item>
                  <Form.Item name="callerSchool" label={t('hotline:form.callerSchool')}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item name="callerClass" label={t('hotline:form.callerClass')}>
                    <Input maxLength={60} />
                  </Form.Item>
                </div>
              )}
            </>
          )}
          <Form.Item
            name="topics"
            label={t('hotline:form.topics')}
            rules={[
              {
                required: true,
                type: 'array',
                min: 1,
                message: t('common.requiredSelect', { field: t('hotline:form.topics') }),
              },
            ]}
          >
            <Checkbox.Group style={grid}>
              {HOTLINE_TOPICS.map((x) => (
                <Checkbox key={x} value={x} data-testid={`call-topic-${x}`}>
                  {t(`hotline:topic.${x}`)}
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
          <Form.Item name="risk" label={t('hotline:form.risk')} rules={[{ required: true }]}>
            <Radio.Group>
              {HOTLINE_RISKS.map((r) => (
                <Radio key={r} value={r} data-testid={`call-risk-${r}`}>
                  {t(`hotline:risk.${r}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="intervention" label={t('hotline:form.intervention')}>
            <Input.TextArea rows={2} maxLength={4000} />
          </Form.Item>
          <Form.Item name="outcome" label={t('hotline:form.outcome')} rules={[{ required: true }]}>
            <Radio.Group>
              {HOTLINE_OUTCOMES.map((o) => (
                <Radio key={o} value={o} data-testid={`call-outcome-${o}`}>
                  {t(`hotline:outcome.${o}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="followUp" label={t('hotline:form.followUp')}>
            <Input maxLength={2000} />
          </Form.Item>
          <Form.Item name="followUpAt" label={t('hotline:form.followUpAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" inputReadOnly />
          </Form.Item>
          <Form.Item name="notes" label={t('hotline:form.notes')} extra={t('hotline:form.notesHelp')}>
            <Input.TextArea rows={5} maxLength={8000} showCount data-testid="call-notes" />
          </Form.Item>
          <Form.Item name="alertSchool" valuePropName="checked" extra={t('hotline:form.alertSchoolHelp')}>
            <Checkbox disabled={!canAlert} data-testid="call-alert-school">
              {t('hotline:form.alertSchool')}
            </Checkbox>
          </Form.Item>
          {canAlert && alertSchool && (
            <Form.Item
              name={['schoolAlert', 'reason']}
              label={t('hotline:alert.reason')}
              extra={t('hotline:alert.raiseHelp')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', { field: t('hotline:alert.reason') }),
                },
              ]}
            >
              <Input.TextArea
                rows={2}
                maxLength={500}
                placeholder={t('hotline:alert.reasonPlaceholder')}
                data-testid="call-alert-reason"
              />
            </Form.Item>
          )}
          <Typography.Paragraph style={{ color: 'rgba(0,0,0,0.62)', fontSize: 13 }}>
            {t('hotline:alert.notEligible')}
          </Typography.Paragraph>
          <Button type="primary" htmlType="submit" loading={sending} block data-testid="call-submit">
            {t('hotline:form.submit')}
          </Button>
        </Form>
      </div>
    </>
  );
}
