import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { orgApi } from '../api/org';
import type { Hospital } from '../api/types';
import PageHeading from '../components/PageHeading';
import StatusTag from '../components/StatusTag';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { useReportError } from '../hooks/useReportError';

interface HospitalForm {
  name: string;
  nameEn?: string;
}

function HospitalModal({
  target,
  onClose,
  onSaved,
}: {
  /** 'new', a hospital to edit, or null when closed. */
  target: 'new' | Hospital | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const reportError = useReportError();
  const [form] = Form.useForm<HospitalForm>();
  const [busy, setBusy] = useState(false);
  const editing = target && target !== 'new' ? target : null;

  const onFinish = async (v: HospitalForm) => {
    setBusy(true);
    try {
      const body = { name: v.name.trim(), nameEn: v.nameEn?.trim() ? v.nameEn.trim() : null };
      if (editing) await orgApi.changeHospital(editing.id, body);
      else await orgApi.createHospital(body);
      onSaved();
    } catch (e) {
      reportError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!target}
      title={editing ? t('hospitals.editTitle', { name: editing.name }) : t('hospitals.addTitle')}
      onCancel={onClose}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      okButtonProps={{ ...({ 'data-testid': 'hospital-submit' } as Record<string, string>) }}
      destroyOnHidden
      forceRender
    >
      <Form<HospitalForm>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={busy}
        requiredMark
        initialValues={editing ? { name: editing.name, nameEn: editing.nameEn ?? undefined } : {}}
        key={editing?.id ?? 'new'}
      >
        <Form.Item
          name="name"
          label={t('hospitals.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('hospitals.name') }) }]}
        >
          <Input autoComplete="off" maxLength={100} data-testid="hospital-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('orgAdmin.nameEn')}>
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The city's partner hospitals (合作医院, 绿色通道). A hospital is never deleted: referrals already sent stay
 * with it; once deactivated it is no longer offered for new referrals.
 */
export default function HospitalsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const { data, error, loading, reload } = useAsync((signal) => orgApi.hospitals(signal), []);
  const [target, setTarget] = useState<'new' | Hospital | null>(null);

  const setActive = async (h: Hospital, active: boolean) => {
    try {
      await orgApi.changeHospital(h.id, { active });
      void message.success(t(active ? 'orgAdmin.reactivated' : 'orgAdmin.deactivated', { name: h.name }));
      reload();
    } catch (e) {
      reportError(e);
    }
  };

  return (
    <>
      <PageHeading
        title={t('hospitals.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget('new')} data-testid="hospital-add">
            {t('hospitals.add')}
          </Button>
        }
      />
      <HospitalModal
        target={target}
        onClose={() => setTarget(null)}
        onSaved={() => {
          setTarget(null);
          reload();
        }}
      />
      <Card>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<Hospital>
            rowKey="id"
            loading={loading}
            dataSource={data ?? []}
            pagination={false}
            aria-label={t('hospitals.title')}
            data-testid="hospital-table"
            locale={{ emptyText: t('hospitals.empty') }}
            columns={[
              { title: t('hospitals.name'), dataIndex: 'name' },
              { title: t('orgAdmin.nameEn'), dataIndex: 'nameEn', render: (v: string | null) => v ?? '—' },
              {
                title: t('orgAdmin.status'),
                dataIndex: 'active',
                render: (active: boolean) =>
                  active ? (
                    <StatusTag tone="good">{t('orgAdmin.active')}</StatusTag>
                  ) : (
                    <StatusTag tone="neutral">{t('orgAdmin.inactive')}</StatusTag>
                  ),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_, h) => (
                  <Space>
                    <Button size="small" onClick={() => setTarget(h)}>
                      {t('orgAdmin.edit')}
                    </Button>
                    {h.active ? (
                      <Button size="small" onClick={() => void setActive(h, false)}>
                        {t('orgAdmin.deactivate')}
                      </Button>
                    ) : (
                      <Button size="small" onClick={() => void setActive(h, true)}>
                        {t('orgAdmin.reactivate')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
