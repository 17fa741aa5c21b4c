import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { toPage } from '../api/listing';
import { staffApi, type NewStaff } from '../api/staff';
import type { GrantRequest, StaffMember } from '../api/types';
import { formatDateTime } from '../lib/format';
import { currentLocale } from '../i18n';
import { useCan } from '../session/useCan';
import PageHeading from '../components/PageHeading';
import RoleBindings from '../components/RoleBindings';
import { LoadError } from '../components/Results';
import ScopeTreeSelect from '../components/ScopeTreeSelect';
import SearchInput from '../components/SearchInput';
import StatusTag from '../components/StatusTag';
import { registrySummary, StaffRegistryFields, StaffRegistryModal } from '../components/StaffRegistryFields';
import { useAsync } from '../hooks/useAsync';
import { useQueryParams } from '../hooks/useQueryParams';
import { useReportError } from '../hooks/useReportError';
import { passwordMeetsRule } from './ChangePasswordPage';
import StaffRegistryImportCard from './StaffRegistryImportCard';

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
      const created = await staffApi.create({ ...v, username: v.username.trim(), name: v.name.trim() });
      // A role that reads psychological data waits for its second person.
      if (created.pending?.length)
        void message.info(t('security.createdPending', { name: v.name, role: t(`roles.${v.role}`) }));
      else void message.success(t('staff.created', { name: v.name }));
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
        <StaffRegistryFields />
      </Form>
    </Modal>
  );
}

/**
 * Four-eyes grants waiting for a second person. Everyone who can see staff sees those in their scope; the
 * approver of each (the school leader, the district or city centre) gets the buttons.
 */
function PendingGrants({ onDecided }: { onDecided: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<string | null>(null);
  const { data, error, loading, reload } = useAsync((signal) => staffApi.pendingGrants(page, signal), [page]);
  const listing = toPage(data, page);
  if (!error && !loading && listing.total === 0) return null;

  const decide = async (g: GrantRequest, verdict: 'approve' | 'reject') => {
    setDeciding(g.id);
    try {
      await staffApi.decideGrant(g.id, verdict);
      const role = t(`roles.${g.role}`);
      void message.success(
        t(verdict === 'approve' ? 'security.approved' : 'security.rejected', { name: g.name, role }),
      );
      reload();
      onDecided();
    } catch (e) {
      reportError(e);
    } finally {
      setDeciding(null);
    }
  };

  return (
    <Card title={t('security.pendingTitle')} style={{ marginBottom: 16 }} data-testid="pending-grants">
      <Typography.Paragraph type="secondary">{t('security.pendingIntro')}</Typography.Paragraph>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Table<GrantRequest>
          rowKey="id"
          loading={loading}
          dataSource={listing.items}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('security.pendingEmpty') }}
          pagination={{
            current: listing.page,
            pageSize: listing.pageSize,
            total: listing.total,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: setPage,
          }}
          columns={[
            {
              title: t('security.grantee'),
              key: 'grantee',
              render: (_, g) => (
                <>
                  {g.name} <span className="yx-mono">{g.username}</span>
                </>
              ),
            },
            { title: t('security.role'), key: 'role', render: (_, g) => t(`roles.${g.role}`) },
            { title: t('security.scope'), key: 'scope', render: (_, g) => g.scope.name },
            {
              title: t('security.requestedBy'),
              dataIndex: 'requestedBy',
              key: 'requestedBy',
              render: (v: string) => <span className="yx-mono">{v}</span>,
            },
            {
              title: t('security.requestedAt'),
              dataIndex: 'requestedAt',
              key: 'requestedAt',
              render: (v: string) => formatDateTime(v, currentLocale()),
            },
            {
              title: t('security.status'),
              key: 'actions',
              render: (_, g) =>
                g.mayDecide ? (
                  <Space>
                    <Button
                      type="primary"
                      size="small"
                      loading={deciding === g.id}
                      onClick={() => void decide(g, 'approve')}
                      data-testid={`grant-approve-${g.username}`}
                    >
                      {t('security.approve')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      disabled={deciding === g.id}
                      onClick={() => void decide(g, 'reject')}
                      data-testid={`grant-reject-${g.username}`}
                    >
                      {t('security.reject')}
                    </Button>
                  </Space>
                ) : (
                  <StatusTag tone="warn">{t('security.awaiting')}</StatusTag>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}

export default function StaffPage() {
  const { t } = useTranslation();
  const { get, getInt, update } = useQueryParams();
  const q = get('q') ?? '';
  const orgId = get('orgId');
  const page = getInt('page', 1);
  const [creating, setCreating] = useState(false);
  const [registering, setRegistering] = useState<StaffMember | null>(null);
  const can = useCan();
  const { message, modal } = App.useApp();
  const reportError = useReportError();
  const [pendingKey, setPendingKey] = useState(0);
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
          can('staff.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setCreating(true)}
              data-testid="staff-create"
            >
              {t('staff.create')}
            </Button>
          )
        }
      />
      <PendingGrants key={pendingKey} onDecided={reload} />
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
                  title: t('staff.employment'),
                  key: 'registry',
                  render: (_: unknown, s: StaffMember) => (
                    <Space size={4} wrap>
                      <span data-testid="staff-registry">{registrySummary(s, t)}</span>
                      {can('staff.manage') && (
                        <Button
                          size="small"
                          type="link"
                          onClick={() => setRegistering(s)}
                          data-testid="staff-registry-edit"
                        >
                          {t('staff.registry')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
                ...(can('staff.manage')
                  ? [
                      {
                        title: t('security.reset2fa'),
                        key: 'reset2fa',
                        render: (_: unknown, s: StaffMember) => (
                          <Button
                            size="small"
                            onClick={() =>
                              modal.confirm({
                                title: t('security.reset2fa'),
                                content: t('security.reset2faConfirm', { name: s.name }),
                                okText: t('common.submit'),
                                cancelText: t('common.cancel'),
                                onOk: async () => {
                                  try {
                                    await staffApi.resetTwoFactor(s.userId);
                                    void message.success(t('security.reset2faDone', { name: s.name }));
                                  } catch (e) {
                                    reportError(e);
                                  }
                                },
                              })
                            }
                          >
                            {t('security.reset2fa')}
                          </Button>
                        ),
                      },
                    ]
                  : []),
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
      {can('staff.manage') && (
        <div style={{ marginTop: 16 }}>
          <StaffRegistryImportCard onApplied={reload} />
        </div>
      )}
      <StaffRegistryModal
        member={registering}
        onClose={() => setRegistering(null)}
        onSaved={() => {
          setRegistering(null);
          reload();
        }}
      />
      <CreateStaffModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          reload();
          setPendingKey((k) => k + 1);
        }}
      />
    </>
  );
}
