import { useEffect, useState } from 'react';
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { SCHOOL_STAGES, STAGE_GRADE_LEVELS } from '@yuxin/core';
import { orgApi } from '../api/org';
import type { NewOrgUnit, OrgKind, OrgUnit, SchoolStage } from '../api/types';
import { useReportError } from '../hooks/useReportError';
import { useAsync } from '../hooks/useAsync';
import { useCitySetupT } from '../i18n/citysetup';

type ChildKind = NewOrgUnit['kind'];

/** The kind of unit created inside each kind; a class has none. */
export const CHILD_KIND: Partial<Record<OrgKind, ChildKind>> = {
  city: 'district',
  district: 'school',
  school: 'grade',
  grade: 'class',
};

interface UnitForm {
  name: string;
  nameEn?: string;
  stage?: SchoolStage;
  gradeLevel?: number;
  classNo?: number;
  centreName?: string;
  partnerHospitalId?: string;
}

export type UnitModalMode = { mode: 'create'; parent: OrgUnit } | { mode: 'edit'; unit: OrgUnit };

/**
 * Adds a unit inside the chosen one, or renames and changes the chosen one. The server checks everything
 * (duplicate names, a grade the school's stage has not, the parent's kind) and names the field it refuses;
 * those messages land on the form's fields.
 */
export default function OrgUnitModal({
  target,
  onClose,
  onSaved,
}: {
  target: UnitModalMode | null;
  onClose: () => void;
  onSaved: (unit: OrgUnit) => void;
}) {
  const { t } = useTranslation();
  const tcs = useCitySetupT();
  const reportError = useReportError();
  const [form] = Form.useForm<UnitForm>();
  const [busy, setBusy] = useState(false);
  const kind: OrgKind | undefined =
    target?.mode === 'create' ? CHILD_KIND[target.parent.kind] : target?.mode === 'edit' ? target.unit.kind : undefined;
  const parentStage = target?.mode === 'create' && target.parent.kind === 'school' ? target.parent.stage : null;
  // The city's live partner hospitals, for a school's 绿色通道; only asked for when a school is on the form.
  const hospitals = useAsync((signal) => (kind === 'school' ? orgApi.hospitals(signal) : Promise.resolve([])), [kind]);
  const gradeLevels =
    parentStage && parentStage in STAGE_GRADE_LEVELS
      ? STAGE_GRADE_LEVELS[parentStage as SchoolStage]
      : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit')
      form.setFieldsValue({
        name: target.unit.name,
        nameEn: target.unit.nameEn ?? undefined,
        stage: (target.unit.stage as SchoolStage | null) ?? undefined,
        centreName: target.unit.centreName ?? undefined,
        partnerHospitalId: target.unit.partnerHospitalId ?? undefined,
      });
  }, [target, form]);

  const onFinish = async (v: UnitForm) => {
    if (!target || !kind) return;
    // The kind a new unit gets: the one its parent's kind takes (a class takes none).
    const childKind = target.mode === 'create' ? CHILD_KIND[target.parent.kind] : undefined;
    if (target.mode === 'create' && !childKind) return;
    setBusy(true);
    try {
      const nameEn = v.nameEn?.trim() ? v.nameEn.trim() : null;
      const saved =
        target.mode === 'create'
          ? await orgApi.createUnit({
              kind: childKind!,
              parentId: target.parent.id,
              name: v.name.trim(),
              nameEn,
              ...(kind === 'school' ? { stage: v.stage, partnerHospitalId: v.partnerHospitalId ?? null } : {}),
              ...(kind === 'grade' ? { gradeLevel: v.gradeLevel } : {}),
              ...(kind === 'class' && v.classNo ? { classNo: v.classNo } : {}),
              ...(kind === 'district' && v.centreName?.trim() ? { centreName: v.centreName.trim() } : {}),
            })
          : await orgApi.changeUnit(target.unit.id, {
              name: v.name.trim(),
              nameEn,
              ...(kind === 'school' && v.stage ? { stage: v.stage } : {}),
              ...(kind === 'school' ? { partnerHospitalId: v.partnerHospitalId ?? null } : {}),
              ...(kind === 'district' ? { centreName: v.centreName?.trim() ? v.centreName.trim() : null } : {}),
            });
      onSaved(saved);
    } catch (e) {
      reportError(e, form);
    } finally {
      setBusy(false);
    }
  };

  const kindName = kind ? t(`orgKinds.${kind}`) : '';
  const title =
    target?.mode === 'create'
      ? t('orgAdmin.addTitle', { kind: kindName, parent: target.parent.name })
      : t('orgAdmin.editTitle', { name: target?.unit.name ?? '' });

  return (
    <Modal
      open={!!target}
      title={title}
      onCancel={onClose}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      okButtonProps={{ ...({ 'data-testid': 'org-unit-submit' } as Record<string, string>) }}
      destroyOnHidden
      forceRender
    >
      <Form<UnitForm> form={form} layout="vertical" onFinish={onFinish} disabled={busy} requiredMark>
        {kind === 'grade' && target?.mode === 'create' && (
          <Form.Item
            name="gradeLevel"
            label={t('org.gradeLevel')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('org.gradeLevel') }) }]}
          >
            <Select
              data-testid="org-unit-grade-level"
              options={gradeLevels.map((l) => ({ value: l, label: t(`orgAdmin.gradeNames.${l}`) }))}
              onChange={(l: number) => {
                // The usual name of the grade, which the administrator may still change.
                if (!form.getFieldValue('name')) form.setFieldsValue({ name: t(`orgAdmin.gradeNames.${l}`) });
              }}
            />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('org.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('org.name') }) }]}
        >
          <Input autoComplete="off" maxLength={100} data-testid="org-unit-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('orgAdmin.nameEn')}>
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        {kind === 'school' && (
          <Form.Item
            name="stage"
            label={t('org.stage')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('org.stage') }) }]}
          >
            <Select
              data-testid="org-unit-stage"
              options={SCHOOL_STAGES.map((s) => ({ value: s, label: t(`stages.${s}`) }))}
            />
          </Form.Item>
        )}
        {kind === 'school' && (
          <Form.Item name="partnerHospitalId" label={tcs('partnerHospital.label')} extra={tcs('partnerHospital.help')}>
            <Select
              allowClear
              data-testid="org-unit-partner-hospital"
              loading={hospitals.loading}
              options={(hospitals.data ?? []).filter((h) => h.active).map((h) => ({ value: h.id, label: h.name }))}
            />
          </Form.Item>
        )}
        {kind === 'class' && target?.mode === 'create' && (
          <Form.Item name="classNo" label={t('orgAdmin.classNo')}>
            <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} data-testid="org-unit-class-no" />
          </Form.Item>
        )}
        {kind === 'district' && (
          <Form.Item name="centreName" label={t('orgAdmin.centreName')} extra={t('orgAdmin.centreHelp')}>
            <Input autoComplete="off" maxLength={100} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
