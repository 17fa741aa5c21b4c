import { useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
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

/** "专职 · B 级" for the staff table. */
export function registrySummary(s: StaffMember, t: (key: string, o?: Record<string, unknown>) => string): string {
  const employment =
    s.fullTime === true ? t('staff.fullTime') : s.fullTime === false ? t('staff.partTime') : t('staff.notRecorded');
  return s.certificateLevel
    ? `${employment} · ${t('staff.certificateLevelValue', { level: s.certificateLevel })}`
    : employment;
}

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
  const [form] = Form.useForm<StaffRegistry>();
  const [busy, setBusy] = useState(false);
  const onFinish = async (v: StaffRegistry) => {
    if (!member) return;
    setBusy(true);
    try {
      await staffApi.updateRegistry(member.userId, {
        fullTime: v.fullTime ?? null,
        certificateLevel: v.certificateLevel ?? null,
        qualification: v.qualification?.trim() || null,
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
        <Form<StaffRegistry>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          disabled={busy}
          initialValues={{
            fullTime: member.fullTime,
            certificateLevel: member.certificateLevel,
            qualification: member.qualification,
          }}
        >
          <StaffRegistryFields />
        </Form>
      )}
    </Modal>
  );
}
