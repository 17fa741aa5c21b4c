import { useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { staffApi, type StaffRegistry } from '../api/staff';
import type { StaffMember } from '../api/types';
import { useReportError } from '../hooks/useReportError';

const LEVELS = ['A', 'B', 'C', 'D'] as const;

/**
 * The registry's fields (专职/兼职, certificate level, qualification), used in the create form and the
 * registry dialog. A Select keeps "not recorded" apart from "part-time": the staffing indicator counts only
 * those recorded as full-time.
 */
export function StaffRegistryFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="fullTime"
        label={t('staff.employment')}
        extra={t('staff.employmentHelp')}
        // The form keeps the API's boolean; the select shows it as a choice.
        getValueProps={(v?: boolean | null) => ({ value: v === true ? 'full' : v === false ? 'part' : undefined })}
        normalize={(v?: string) => (v === 'full' ? true : v === 'part' ? false : null)}
      >
        <Select
          allowClear
          placeholder={t('staff.notRecorded')}
          data-testid="staff-full-time"
          options={[
            { value: 'full', label: t('staff.fullTime') },
            { value: 'part', label: t('staff.partTime') },
          ]}
        />
      </Form.Item>
      <Form.Item name="certificateLevel" label={t('staff.certificateLevel')}>
        <Select
          allowClear
          placeholder={t('staff.notRecorded')}
          data-testid="staff-certificate-level"
          options={LEVELS.map((l) => ({ value: l, label: t('staff.certificateLevelValue', { level: l }) }))}
        />
      </Form.Item>
      <Form.Item name="qualification" label={t('staff.qualification')}>
        <Input maxLength={100} placeholder={t('staff.qualificationPlaceholder')} autoComplete="off" />
      </Form.Item>
    </>
  );
}

/** "专职 · B 级 · 培训 86 小时 · 督导 12 小时" for the staff table; the hours are this school year's. */
export function registrySummary(s: StaffMember, t: (key: string, o?: Record<string, unknown>) => string): string {
  const employment =
    s.fullTime === true ? t('staff.fullTime') : s.fullTime === false ? t('staff.partTime') : t('staff.notRecorded');
  const parts = [employment];
  if (s.certificateLevel) parts.push(t('staff.certificateLevelValue', { level: s.certificateLevel }));
  const { hours, supervisionHours } = s.training;
  if (hours != null || supervisionHours != null) {
    const h = (n: number | null) => (n == null ? t('staff.notRecorded') : t('staff.hoursValue', { hours: n }));
    parts.push(t('staff.trainingSummary', { hours: h(hours), supervision: h(supervisionHours) }));
  }
  return parts.join(' · ');
}

/** This school year's training and supervision hours, in the registry dialog. */
function TrainingFields({ schoolYear }: { schoolYear: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="hours"
        label={`${t('staff.trainingHours')} · ${t('staff.trainingYear', { year: schoolYear })}`}
        extra={t('staff.trainingHelp')}
      >
        <InputNumber min={0} max={2000} step={0.5} style={{ width: 160 }} data-testid="staff-training-hours" />
      </Form.Item>
      <Form.Item name="supervisionHours" label={t('staff.supervisionHours')}>
        <InputNumber min={0} max={2000} step={0.5} style={{ width: 160 }} data-testid="staff-supervision-hours" />
      </Form.Item>
    </>
  );
}

type RegistryForm = Omit<StaffRegistry, 'training'> & { hours?: number | null; supervisionHours?: number | null };

export function StaffRegistryModal({
  member,
  onClose,
  onSaved,
}: {
  member: StaffMember | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<RegistryForm>();
  const [busy, setBusy] = useState(false);
  const onFinish = async (v: RegistryForm) => {
    if (!member) return;
    setBusy(true);
    try {
      await staffApi.updateRegistry(member.userId, {
        fullTime: v.fullTime ?? null,
        certificateLevel: v.certificateLevel ?? null,
        qualification: v.qualification?.trim() || null,
        training: {
          schoolYear: member.training.schoolYear,
          hours: v.hours ?? null,
          supervisionHours: v.supervisionHours ?? null,
        },
      });
      void message.success(t('staff.registrySaved', { name: member.name }));
      onSaved();
    } catch (e) {
      reportError(e, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!member}
      title={member ? t('staff.registryTitle', { name: member.name }) : ''}
      onCancel={onClose}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      okButtonProps={{ ...({ 'data-testid': 'staff-registry-submit' } as Record<string, string>) }}
      destroyOnHidden
    >
      {member && (
        <Form<RegistryForm>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          disabled={busy}
          initialValues={{
            fullTime: member.fullTime,
            certificateLevel: member.certificateLevel,
            qualification: member.qualification,
            hours: member.training.hours,
            supervisionHours: member.training.supervisionHours,
          }}
        >
          <StaffRegistryFields />
          <TrainingFields schoolYear={member.training.schoolYear} />
        </Form>
      )}
    </Modal>
  );
}
