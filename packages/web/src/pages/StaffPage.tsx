import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { toPage } from '../api/listing';
import { staffApi, type NewStaff } from '../api/staff';
import type { StaffMember } from '../api/types';
import PageHeading from '../components/PageHeading';
import RoleBindings from '../components/RoleBindings';
import { LoadError } from '../components/Results';
import ScopeTreeSelect from '../components/ScopeTreeSelect';
import SearchInput from '../components/SearchInput';
import StatusTag from '../components/StatusTag';
import { useAsync } from '../hooks/useAsync';
import { useQueryParams } from '../hooks/useQueryParams';
import { useReportError } from '../hooks/useReportError';
import { passwordMeetsRule } from './ChangePasswordPage';

/** Roles a staff account can hold (students, guardians and peer supporters come from the roster). */
const STAFF_ROLES = [
  'system_admin',
  'city_staff',
  'district_staff',
  'school_leader',
  'psych_teacher',
  'head_teacher',
  'teacher',
  'dormitory_staff',
  'hospital_doctor',
  'hotline_counselor',
  'supervisor',
] as const;

function CreateStaffModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [form] = Form.useForm<NewStaff>();
  const [busy, setBusy] = useState(false);
  const req = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });

  const onFinish = async (v: NewStaff) => {
    setBusy(true);
    try {
      await staffApi.create({ ...v, username: v.username.trim(), name: v.name.trim() });
      void message.success(t('staff.created', { name: v.name }));
      form.resetFields();
      onCreated();
    } catch (e) {
      reportError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('staff.createTitle')}
      onCancel={onClose}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      destroyOnHidden
      forceRender
    >
      <Form<NewStaff> form={form} layout="vertical" onFinish={onFinish} disabled={busy} requiredMark>
        <Form.Item name="username" label={t('staff.username')} rules={[req(t('staff.username'))]}>
          <Input autoComplete="off" data-testid="staff-username" />
        </Form.Item>
        <Form.Item name="name" label={t('staff.name')} rules={[req(t('staff.name'))]}>
          <Input autoComplete="off" data-testid="staff-name" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('staff.password')}
          extra={t('staff.passwordHelp')}
          rules={[
            { required: true, message: t('common.required', { field: t('staff.password') }) },
            {
              validator: (_, v: string | undefined) =>
                !v || passwordMeetsRule(v)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('changePassword.ruleError'))),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="staff-password" />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('staff.role')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('staff.role') }) }]}
        >
          <Select data-testid="staff-role" options={STAFF_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        <Form.Item
          name="scopeId"
          label={t('staff.scope')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('staff.scope') }) }]}
        >
          <ScopeTreeSelect placeholder={t('staff.scopePlaceholder')} data-testid="staff-scope" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function StaffPage() {
  const { t } = useTranslation();
  const { get, getInt, update } = useQueryParams();
  const q = get('q') ?? '';
  const orgId = get('orgId');
  const page = getInt('page', 1);
  const [creating, setCreating] = useState(false);
  const { data, error, loading, reload } = useAsync(
    (signal) => staffApi.list({ q: q || undefined, orgId, page }, signal),
    [q, orgId, page],
  );
  const listing = toPage(data, page);

  return (
    <>
      <PageHeading
        title={t('staff.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setCreating(true)}
            data-testid="staff-create"
          >
            {t('staff.create')}
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical" component="div" style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16 }}>
          <Form.Item label={t('staff.searchLabel')} htmlFor="staff-search" style={{ minWidth: 240, flex: '1 1 240px' }}>
            <SearchInput
              id="staff-search"
              testId="staff-search"
              value={q}
              placeholder={t('staff.searchPlaceholder')}
              onSearch={(v) => update({ q: v, page: undefined })}
            />
          </Form.Item>
          <Form.Item label={t('staff.org')} htmlFor="staff-org" style={{ minWidth: 240 }}>
            <ScopeTreeSelect
              id="staff-org"
              value={orgId}
              allowClear
              placeholder={t('staff.orgPlaceholder')}
              onChange={(v?: string) => update({ orgId: v, page: undefined })}
              style={{ minWidth: 240 }}
            />
          </Form.Item>
        </Form>
      </Card>
      <Card>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <div data-testid="staff-table">
            <Table<StaffMember>
              rowKey="userId"
              loading={loading}
              dataSource={listing.items}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('staff.empty') }}
              pagination={{
                current: listing.page,
                pageSize: listing.pageSize,
                total: listing.total,
                showSizeChanger: false,
                showTotal: (total) => t('common.total', { total }),
                onChange: (p) => update({ page: p === 1 ? undefined : p }),
              }}
              columns={[
                { title: t('staff.name'), dataIndex: 'name', key: 'name' },
                {
                  title: t('staff.username'),
                  dataIndex: 'username',
                  key: 'username',
                  render: (v: string) => <span className="yx-mono">{v}</span>,
                },
                {
                  title: t('staff.roles'),
                  dataIndex: 'bindings',
                  key: 'bindings',
                  render: (_, s) => <RoleBindings bindings={s.bindings ?? []} />,
                },
                {
                  title: t('staff.status'),
                  dataIndex: 'disabled',
                  key: 'disabled',
                  render: (d: boolean) =>
                    d ? (
                      <StatusTag tone="neutral">{t('staff.disabled')}</StatusTag>
                    ) : (
                      <StatusTag tone="good">{t('staff.active')}</StatusTag>
                    ),
                },
              ]}
            />
          </div>
        )}
      </Card>
      <CreateStaffModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          reload();
        }}
      />
    </>
  );
}
