import '../../i18n/cases';
import { useEffect, useState, type ReactNode } from 'react';
import { Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { chinaNow, pickedInstant } from '../../lib/chinaTime';
import { useTranslation } from 'react-i18next';
import { useCitySetupT } from '../../i18n/citysetup';
import { CONTACT_METHODS, type ActionKind, type ContactMethod, type LeaderReviewOutcome } from '@yuxin/core';
import { ACTION_KINDS, casesApi, RISK_LEVELS, RISK_REASONS, type CaseDetail, type CaseRecord } from '../../api/cases';
import { useAsync } from '../../hooks/useAsync';
import { useReportError } from '../../hooks/useReportError';

export type CaseDialog =
  | 'assessment'
  | 'plan'
  | 'record'
  | 'followUps'
  | 'referral'
  | 'consent'
  | 'correctConsent'
  | 'cancelReferral'
  | 'reroute'
  | 'return'
  | 'monitoring'
  | 'closure'
  | 'reopen'
  | 'review'
  | 'approve'
  | 'reject'
  | 'conference';

const OPEN_REFERRAL: readonly string[] = ['awaiting_consent', 'sent', 'answered'];

/** How the guardian's consent was given: the same three ways when it is recorded and when it is corrected. */
function ConsentMethodField() {
  const { t } = useTranslation();
  return (
    <Form.Item name="method" label={t('cases.consentMethod')} initialValue="paper">
      <Radio.Group
        options={(['paper', 'in_person', 'online'] as const).map((m) => ({
          value: m,
          label: t(`cases.consentMethods.${m}`),
        }))}
      />
    </Form.Item>
  );
}

/** When a step with the guardian really happened (China time) and how the guardian was reached. */
function WhenAndHow({ methodRequired = true }: { methodRequired?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="occurredAt"
        label={t('cases.occurredAt')}
        extra={t('cases.occurredAtHint')}
        initialValue={chinaNow()}
        rules={[{ required: true, message: t('common.required', { field: t('cases.occurredAt') }) }]}
      >
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="occurred-at" />
      </Form.Item>
      <Form.Item
        name="contactMethod"
        label={t('cases.contactMethod')}
        rules={
          methodRequired ? [{ required: true, message: t('common.required', { field: t('cases.contactMethod') }) }] : []
        }
      >
        <Select
          allowClear={!methodRequired}
          data-testid="contact-method"
          options={CONTACT_METHODS.map((m) => ({ value: m, label: t(`cases.contactMethods.${m}`) }))}
        />
      </Form.Item>
    </>
  );
}

/** One modal form: validates, sends, reports field errors on the form, and closes on success. */
function FormModal<T extends object>({
  title,
  open,
  onClose,
  onDone,
  form,
  send,
  children,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
  form: FormInstance<T>;
  send: (values: T) => Promise<unknown>;
  children: ReactNode;
}) {
  const reportError = useReportError();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await send(values);
      onDone();
    } catch (e) {
      reportError(e, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" preserve={false}>
        {children}
      </Form>
    </Modal>
  );
}

/** Every form a case step needs, one open at a time. */
export function CaseDialogs({
  c,
  dialog,
  onClose,
  onDone,
}: {
  c: CaseDetail;
  dialog: CaseDialog | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const tcs = useCitySetupT();
  const [form] = Form.useForm();
  const required = (field: string) => [{ required: true, message: t('common.required', { field }) }];
  const candidates = useAsync(
    (signal) => casesApi.candidates(c.id, signal),
    [c.id],
    dialog === 'plan' || dialog === 'followUps' || dialog === 'referral' || dialog === 'reroute',
  );
  // The school's partner hospital (绿色通道) is offered first and chosen unless the teacher changes it.
  const partnerId = candidates.data?.hospitals.find((h) => h.partner)?.id;
  useEffect(() => {
    if (dialog === 'referral' && partnerId && !form.getFieldValue('hospitalId'))
      form.setFieldsValue({ hospitalId: partnerId });
  }, [dialog, partnerId, form]);
  const staffOptions = (candidates.data?.staff ?? []).map((s) => ({
    value: s.id,
    label: `${s.name}（${s.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join('、')}）`,
  }));
  // The referral still under way: not returned, cancelled or re-routed.
  const referral = c.referrals.find((r) => OPEN_REFERRAL.includes(r.status));
  const common = { open: true, onClose, onDone, form };
  const text = (name: string, label: string, rows = 4, optional = false) => (
    <Form.Item name={name} label={label} rules={optional ? [] : required(label)}>
      <Input.TextArea rows={rows} maxLength={8000} />
    </Form.Item>
  );

  switch (dialog) {
    case 'assessment':
      return (
        <FormModal
          {...common}
          title={t('cases.dialog.assessment')}
          send={(v: Parameters<typeof casesApi.assess>[1]) => casesApi.assess(c.id, v)}
        >
          <Form.Item
            name="riskLevel"
            label={t('cases.riskLabel')}
            rules={required(t('cases.riskLabel'))}
            initialValue={c.riskLevel ?? undefined}
          >
            <Radio.Group options={RISK_LEVELS.map((r) => ({ value: r, label: t(`cases.risk.${r}`) }))} />
          </Form.Item>
          <Form.Item
            name="reasons"
            label={t('cases.riskReasons')}
            rules={required(t('cases.riskReasons'))}
            initialValue={c.riskReasons}
          >
            <Checkbox.Group options={RISK_REASONS.map((r) => ({ value: r, label: t(`cases.reason.${r}`) }))} />
          </Form.Item>
          {text('interview', t('cases.interview'), 6)}
        </FormModal>
      );
    case 'plan':
      return (
        <FormModal
          {...common}
          title={t('cases.dialog.plan')}
          send={(v: {
            goals: string;
            actions: ActionKind[];
            note?: string;
            staff: string[];
            peer?: string;
            guardian?: string;
          }) => {
            const roles = new Map((candidates.data?.staff ?? []).map((s) => [s.id, s.roles]));
            return casesApi.plan(c.id, {
              goals: v.goals
                .split('\n')
                .map((g) => g.trim())
                .filter(Boolean),
              actions: v.actions ?? [],
              note: v.note || undefined,
              helpers: [
                ...(v.staff ?? []).map((id) => ({
                  role: roles.get(id)?.includes('head_teacher')
                    ? ('head_teacher' as const)
                    : ('psych_teacher' as const),
                  userId: id,
                })),
                ...(v.peer ? [{ role: 'peer' as const, name: v.peer }] : []),
                ...(v.guardian ? [{ role: 'guardian' as const, name: v.guardian }] : []),
              ],
            });
          }}
        >
          <Form.Item
            name="goals"
            label={t('cases.goals')}
            extra={t('cases.goalsHint')}
            rules={required(t('cases.goals'))}
            initialValue={c.plan?.goals.join('\n')}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="actions" label={t('cases.plannedActions')} initialValue={c.plan?.actions}>
            <Checkbox.Group options={ACTION_KINDS.map((a) => ({ value: a, label: t(`cases.action.${a}`) }))} />
          </Form.Item>
          <Form.Item
            name="staff"
            label={t('cases.staffHelpers')}
            initialValue={c.helpers.filter((h) => h.userId).map((h) => h.userId)}
          >
            <Select mode="multiple" options={staffOptions} loading={candidates.loading} />
          </Form.Item>
          <Form.Item
            name="peer"
            label={t('cases.helperRole.peer')}
            initialValue={c.helpers.find((h) => h.role === 'peer')?.name}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item
            name="guardian"
            label={t('cases.helperRole.guardian')}
            initialValue={c.helpers.find((h) => h.role === 'guardian')?.name}
          >
            <Input maxLength={60} />
          </Form.Item>
          {text('note', t('cases.note'), 3, true)}
        </FormModal>
      );
    case 'record':
      return (
        <FormModal
          {...common}
          title={t('cases.dialog.record')}
          send={(v: {
            type: CaseRecord['type'];
            kind?: string;
            note?: string;
            guardianInformed?: boolean;
            told?: Array<'head_teacher' | 'guardian'>;
            attendees?: string;
            heldAt?: Dayjs;
            occurredAt?: Dayjs;
            contactMethod?: ContactMethod;
          }) => {
            const body: CaseRecord =
              v.type === 'action'
                ? {
                    type: 'action',
                    kind: v.kind as (typeof ACTION_KINDS)[number],
                    note: v.note ?? '',
                    guardianInformed: v.guardianInformed,
                    occurredAt: pickedInstant(v.occurredAt ?? chinaNow()),
                    ...(v.contactMethod ? { contactMethod: v.contactMethod } : {}),
                  }
                : v.type === 'disclosure'
                  ? { type: 'disclosure', told: v.told ?? [], reason: v.note ?? '' }
                  : v.type === 'conference'
                    ? {
                        type: 'conference',
                        heldAt: pickedInstant(v.heldAt ?? chinaNow()),
                        attendees: (v.attendees ?? '')
                          .split('\n')
                          .map((l) => l.trim())
                          .filter(Boolean)
                          .map((l) => {
                            const [name, role] = l.split(/[,，]/);
                            return { name: name!.trim(), role: (role ?? '').trim() || '—' };
                          }),
                        conclusions: v.note ?? '',
                      }
                    : { type: 'note', note: v.note ?? '' };
            return casesApi.record(c.id, body);
          }}
        >
          <Form.Item
            name="type"
            label={t('cases.recordType')}
            initialValue="action"
            rules={required(t('cases.recordType'))}
          >
            <Radio.Group
              options={(['action', 'note', 'conference', 'disclosure'] as const).map((k) => ({
                value: k,
                label: t(`cases.recordTypes.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            noStyle
            shouldUpdate={(a: Pick<CaseRecord, 'type'>, b: Pick<CaseRecord, 'type'>) => a.type !== b.type}
          >
            {({ getFieldValue }) => {
              const type = getFieldValue('type') as CaseRecord['type'];
              return (
                <>
                  {type === 'action' && (
                    <>
                      <Form.Item name="kind" label={t('cases.actionKind')} rules={required(t('cases.actionKind'))}>
                        <Select options={ACTION_KINDS.map((a) => ({ value: a, label: t(`cases.action.${a}`) }))} />
                      </Form.Item>
                      <Form.Item name="guardianInformed" valuePropName="checked">
                        <Checkbox>{t('cases.guardianInformed')}</Checkbox>
                      </Form.Item>
                      {/* The server asks for the method when the guardian was contacted or told. */}
                      <WhenAndHow methodRequired={false} />
                    </>
                  )}
                  {type === 'disclosure' && (
                    <Form.Item
                      name="told"
                      label={t('cases.told')}
                      extra={t('cases.disclosureHint')}
                      rules={required(t('cases.told'))}
                    >
                      <Checkbox.Group
                        options={(['head_teacher', 'guardian'] as const).map((r) => ({
                          value: r,
                          label: t(`cases.helperRole.${r}`),
                        }))}
                      />
                    </Form.Item>
                  )}
                  {type === 'conference' && (
                    <>
                      <Form.Item name="heldAt" label={t('cases.heldAt')} rules={required(t('cases.heldAt'))}>
                        <DatePicker showTime />
                      </Form.Item>
                      <Form.Item
                        name="attendees"
                        label={t('cases.attendees')}
                        extra={t('cases.attendeesHint')}
                        rules={required(t('cases.attendees'))}
                      >
                        <Input.TextArea rows={3} />
                      </Form.Item>
                    </>
                  )}
                  {text(
                    'note',
                    type === 'disclosure'
                      ? t('cases.disclosureReason')
                      : type === 'conference'
                        ? t('cases.conclusions')
                        : t('cases.note'),
                  )}
                </>
              );
            }}
          </Form.Item>
        </FormModal>
      );
    case 'followUps':
      return (
        <FormModal
          {...common}
          title={t('cases.dialog.followUps')}
          send={(v: { responsibleUserId: string; weekly: number; monthly: number }) =>
            casesApi.scheduleFollowUps(c.id, {
              responsibleUserId: v.responsibleUserId,
              phases: [
                { everyDays: 7, count: v.weekly },
                ...(v.monthly > 0 ? [{ everyDays: 30, count: v.monthly }] : []),
              ],
            })
          }
        >
          <Form.Item name="responsibleUserId" label={t('cases.responsible')} rules={required(t('cases.responsible'))}>
            <Select options={staffOptions} loading={candidates.loading} />
          </Form.Item>
          <Form.Item name="weekly" label={t('cases.weekly')} initialValue={4} rules={required(t('cases.weekly'))}>
            <InputNumber min={1} max={12} />
          </Form.Item>
          <Form.Item name="monthly" label={t('cases.monthly')} initialValue={3}>
            <InputNumber min={0} max={12} />
          </Form.Item>
        </FormModal>
      );
    case 'referral':
      return (
        <FormModal
          {...common}
          title={t('cases.dialog.referral')}
          send={(v: { hospitalId: string; reason: string; summary: string }) => casesApi.refer(c.id, v)}
        >
          <Form.Item name="hospitalId" label={t('cases.hospital')} rules={required(t('cases.hospital'))}>
            <Select
              options={(candidates.data?.hospitals ?? []).map((h) => ({
                value: h.id,
                label: h.partner ? tcs('partnerHospital.option', { name: h.name }) : h.name,
              }))}
              loading={candidates.loading}
            />
          </Form.Item>
          {text('reason', t('cases.referralReason'))}
          {text('summary', t('cases.summary'), 6)}
        </FormModal>
      );
    case 'consent':
      return (
        <FormModal
          {...common}
          title={t('cases.dialog.consent')}
          send={(v: {
            guardianName: string;
            method: 'paper' | 'online' | 'in_person';
            occurredAt: Dayjs;
            contactMethod: ContactMethod;
            proxyReason?: string;
          }) =>
            casesApi.consent(referral!.id, {
              ...v,
              occurredAt: pickedInstant(v.occurredAt),
              proxyReason: v.proxyReason?.trim() || undefined,
            })
          }
        >
          <Form.Item name="guardianName" label={t('cases.guardianName')} rules={required(t('cases.guardianName'))}>
            <Input maxLength={60} />
          </Form.Item>
          <ConsentMethodField />
          <WhenAndHow />
          <Form.Item name="proxyReason" label={t('cases.proxyReason')} extra={t('cases.proxyReasonHint')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </FormModal>
      );
    case 'conference':
      return (
        <FormModal
          {...common}
          title={t('cases.dialog.conference')}
          send={(v: { heldAt: Dayjs; participants: string; decision: string }) =>
            casesApi.conference(c.id, {
              heldAt: pickedInstant(v.heldAt),
              participants: v.participants
                .split('\n')
                .map((l) => l.trim())
                .filter(Boolean)
                .map((l) => {
                  const [name, role] = l.split(/[,，]/);
                  return { name: name!.trim(), role: (role ?? '').trim() || '—' };
                }),
              decision: v.decision,
            })
          }
        >
          <Form.Item
            name="heldAt"
            label={t('cases.heldAt')}
            initialValue={chinaNow()}
            rules={required(t('cases.heldAt'))}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item
            name="participants"
            label={t('cases.participants')}
            extra={t('cases.participantsHint')}
            rules={required(t('cases.participants'))}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          {text('decision', t('cases.decision'), 4)}
        </FormModal>
      );
    case 'correctConsent':
      return (
        <FormModal
          {...common}
          title={t('cases.dialog.correctConsent')}
          send={(v: {
            guardianName: string;
            method: 'paper' | 'online' | 'in_person';
            occurredAt: Dayjs;
            contactMethod: ContactMethod;
            reason: string;
          }) => casesApi.correctConsent(referral!.id, { ...v, occurredAt: pickedInstant(v.occurredAt) })}
        >
          <Form.Item
            name="guardianName"
            label={t('cases.guardianName')}
            initialValue={referral?.consentGuardianName ?? undefined}
            rules={required(t('cases.guardianName'))}
          >
            <Input maxLength={60} />
          </Form.Item>
          <ConsentMethodField />
          <WhenAndHow />
          {text('reason', t('cases.correctionReason'), 2)}
        </FormModal>
      );
    case 'cancelReferral':
      return (
        <FormModal
          {...common}
          title={t('cases.dialog.cancelReferral')}
          send={(v: { reason: string }) => casesApi.cancelReferral(referral!.id, v)}
        >
          {text('reason', t('cases.reasonLabel'), 3)}
        </FormModal>
      );
    case 'reroute':
      return (
        <FormModal
          {...common}
          title={t('cases.dialog.reroute')}
          send={(v: { hospitalId: string; reason: string }) => casesApi.reroute(referral!.id, v)}
        >
          <Form.Item name="hospitalId" label={t('cases.hospital')} rules={required(t('cases.hospital'))}>
            <Select
              options={(candidates.data?.hospitals ?? [])
                .filter((h) => h.id !== referral?.hospital.id)
                .map((h) => ({ value: h.id, label: h.name }))}
              loading={candidates.loading}
            />
          </Form.Item>
          {text('reason', t('cases.reasonLabel'), 3)}
        </FormModal>
      );
    case 'return':
      return (
        <FormModal
          {...common}
          title={t('cases.dialog.return')}
          send={(v: {
            certificateRef?: string;
            reassessment: string;
            returnPlan: string;
            occurredAt: Dayjs;
            contactMethod: ContactMethod;
          }) =>
            casesApi.returnToSchool(referral!.id, {
              ...v,
              occurredAt: pickedInstant(v.occurredAt),
              certificateRef: v.certificateRef || undefined,
            })
          }
        >
          <WhenAndHow />
          {referral?.stay?.certificateRef ? (
            // The doctor issued it: shown, not typed again.
            <Form.Item label={t('cases.certificate')} extra={t('cases.certificateFromHospital')}>
              <span data-testid="hospital-certificate">{referral.stay.certificateRef}</span>
            </Form.Item>
          ) : (
            <Form.Item name="certificateRef" label={t('cases.certificate')} extra={t('cases.certificateHint')}>
              <Input maxLength={120} />
            </Form.Item>
          )}
          {text('reassessment', t('cases.reassessment'))}
          {text('returnPlan', t('cases.returnPlan'))}
        </FormModal>
      );
    case 'monitoring':
      return (
        <FormModal
          {...common}
          title={t('cases.dialog.monitoring')}
          send={(v: { weeks: number }) => casesApi.monitoring(c.id, v.weeks)}
        >
          <Form.Item name="weeks" label={t('cases.weeks')} initialValue={4} rules={required(t('cases.weeks'))}>
            <InputNumber min={0} max={26} />
          </Form.Item>
        </FormModal>
      );
    case 'closure':
      return (
        <FormModal
          {...common}
          title={t('cases.dialog.closure')}
          send={(v: { conclusion: string }) =>
            casesApi.transition(c.id, { event: 'request_closure', conclusion: v.conclusion })
          }
        >
          {text('conclusion', t('cases.conclusion'))}
        </FormModal>
      );
    case 'reopen':
      return (
        <FormModal
          {...common}
          title={t('cases.dialog.reopen')}
          send={(v: { reason: string }) => casesApi.transition(c.id, { event: 'reopen', reason: v.reason })}
        >
          {text('reason', t('cases.reasonLabel'))}
        </FormModal>
      );
    case 'review':
      return (
        <FormModal
          {...common}
          title={t('cases.dialog.review')}
          send={(v: { outcome: LeaderReviewOutcome; note?: string }) =>
            casesApi.decide(c.id, { kind: 'leader_review', outcome: v.outcome, note: v.note })
          }
        >
          <Form.Item name="outcome" label={t('cases.reviewOutcome')} initialValue="refer">
            <Radio.Group
              options={(['refer', 'no_referral'] as const).map((o) => ({ value: o, label: t(`cases.outcome.${o}`) }))}
            />
          </Form.Item>
          {text('note', t('cases.note'), 3, true)}
        </FormModal>
      );
    case 'approve':
    case 'reject':
      return (
        <FormModal
          {...common}
          title={t(`cases.dialog.${dialog}`)}
          send={(v: { note?: string }) =>
            casesApi.decide(c.id, {
              kind: 'closure',
              outcome: dialog === 'approve' ? 'approved' : 'rejected',
              note: v.note,
            })
          }
        >
          {text('note', dialog === 'reject' ? t('cases.reasonLabel') : t('cases.note'), 3, dialog === 'approve')}
        </FormModal>
      );
    default:
      return null;
  }
}
