import { useState } from 'react';
import { App, Button, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  HOTLINE_OUTCOMES,
  HOTLINE_RISKS,
  HOTLINE_TOPICS,
  type HotlineOutcome,
  type HotlineRisk,
  type HotlineTopic,
} from '@yuxin/core';
import { useTranslation } from 'react-i18next';
import '../i18n/hotline';
import { hotlineApi, type CallDetail } from '../api/hotline';
import { useReportError } from '../hooks/useReportError';
import { chinaPickerValue, pickedInstant } from '../lib/chinaTime';

interface EditValues {
  durationMinutes: number;
  topics: HotlineTopic[];
  risk: HotlineRisk;
  intervention?: string;
  outcome: HotlineOutcome;
  followUp?: string;
  followUpAt?: Dayjs | null;
  notes?: string;
}

const grid = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))', gap: 8 } as const;

/**
 * The recording counselor corrects or completes a call after it: the follow-up once made, notes written up
 * later. Who the call was about and when it started stay as recorded (a school may have been told on them).
 */
export default function HotlineCallEdit({
  call,
  onSaved,
  onCancel,
}: {
  call: CallDetail;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<EditValues>();
  const [saving, setSaving] = useState(false);
  const submit = async (v: EditValues) => {
    setSaving(true);
    try {
      // Every field is sent: an emptied text clears it, and the server writes only what changed.
      await hotlineApi.updateCall(call.id, {
        durationMinutes: v.durationMinutes,
        topics: v.topics,
        risk: v.risk,
        outcome: v.outcome,
        intervention: v.intervention ?? '',
        followUp: v.followUp ?? '',
        followUpAt: v.followUpAt ? pickedInstant(v.followUpAt) : null,
        notes: v.notes ?? '',
      });
      void message.success(t('hotline:edit.saved'));
      onSaved();
    } catch (e) {
      reportError(e, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="call-edit-form"
      initialValues={{
        durationMinutes: call.durationMinutes,
        topics: call.topics,
        risk: call.risk,
        outcome: call.outcome,
        intervention: call.intervention ?? '',
        followUp: call.followUp ?? '',
        followUpAt: call.followUpAt ? chinaPickerValue(call.followUpAt) : null,
        notes: call.notes ?? '',
      }}
      onFinish={(v) => void submit(v)}
    >
      <Typography.Paragraph style={{ color: 'rgba(0,0,0,0.68)' }}>{t('hotline:edit.help')}</Typography.Paragraph>
      <Form.Item name="durationMinutes" label={t('hotline:form.duration')} rules={[{ required: true }]}>
        <InputNumber min={0} max={600} />
      </Form.Item>
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
            <Checkbox key={x} value={x}>
              {t(`hotline:topic.${x}`)}
            </Checkbox>
          ))}
        </Checkbox.Group>
      </Form.Item>
      <Form.Item name="risk" label={t('hotline:form.risk')} rules={[{ required: true }]}>
        <Radio.Group>
          {HOTLINE_RISKS.map((r) => (
            <Radio key={r} value={r}>
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
            <Radio key={o} value={o}>
              {t(`hotline:outcome.${o}`)}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="followUp" label={t('hotline:form.followUp')}>
        <Input maxLength={2000} data-testid="call-edit-follow-up" />
      </Form.Item>
      <Form.Item name="followUpAt" label={t('hotline:form.followUpAt')}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" inputReadOnly />
      </Form.Item>
      <Form.Item name="notes" label={t('hotline:form.notes')} extra={t('hotline:form.notesHelp')}>
        <Input.TextArea rows={5} maxLength={8000} showCount />
      </Form.Item>
      <Flex gap={8}>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="call-edit-save">
          {t('hotline:edit.save')}
        </Button>
        <Button onClick={onCancel}>{t('hotline:edit.cancel')}</Button>
      </Flex>
    </Form>
  );
}
