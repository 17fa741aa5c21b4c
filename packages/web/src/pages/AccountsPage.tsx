import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Radio, Row, Table, type TableColumnsType } from 'antd';
import { FileExcelOutlined, FilePdfOutlined, UnlockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { accountsApi, type CredentialFormat, type CredentialScope } from '../api/accounts';
import { toPage } from '../api/listing';
import { isApiError } from '../api/problem';
import type { LockedAccount } from '../api/types';
import OrgPicker, { type OrgSelection } from '../components/OrgPicker';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { useQueryParams } from '../hooks/useQueryParams';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { saveBlob } from '../lib/download';
import { formatDateTime } from '../lib/format';

function sectionTitle(text: string) {
  return <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;
}

function Credentials({ classId }: { classId: string | undefined }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const reportError = useReportError();
  const [scope, setScope] = useState<CredentialScope>('new');
  const [busy, setBusy] = useState<CredentialFormat | null>(null);

  const download = async (format: CredentialFormat) => {
    if (!classId) return;
    setBusy(format);
    try {
      const file = await accountsApi.credentials(classId, format, scope);
      saveBlob(file.blob, file.filename);
      void message.success(t('accounts.downloaded', { filename: file.filename }));
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };

  const onClick = (format: CredentialFormat) => {
    if (scope === 'all') {
      modal.confirm({
        title: t('accounts.confirmAllTitle'),
        content: t('accounts.confirmAllText'),
        okText: t('accounts.confirmAllOk'),
        cancelText: t('common.cancel'),
        okButtonProps: { danger: true },
        onOk: () => download(format),
      });
    } else {
      void download(format);
    }
  };

  return (
    <>
      <Alert type="warning" showIcon title={t('accounts.oneTimeNotice')} style={{ marginBottom: 16 }} />
      <Form layout="vertical" component="div">
        <Form.Item label={<span id="accounts-scope-label">{t('accounts.scope')}</span>}>
          <Radio.Group
            aria-labelledby="accounts-scope-label"
            value={scope}
            onChange={(e) => setScope(e.target.value as CredentialScope)}
            options={[
              { value: 'new', label: t('accounts.scopeNew') },
              { value: 'all', label: t('accounts.scopeAll') },
            ]}
          />
        </Form.Item>
      </Form>
      {!classId && <Alert type="info" showIcon title={t('accounts.classRequired')} style={{ marginBottom: 12 }} />}
      <Flex gap={8} wrap>
        <Button
          type="primary"
          icon={<FilePdfOutlined aria-hidden />}
          disabled={!classId || busy !== null}
          loading={busy === 'pdf'}
          onClick={() => onClick('pdf')}
          data-testid="credentials-pdf"
        >
          {t('accounts.downloadPdf')}
        </Button>
        <Button
          icon={<FileExcelOutlined aria-hidden />}
          disabled={!classId || busy !== null}
          loading={busy === 'xlsx'}
          onClick={() => onClick('xlsx')}
          data-testid="credentials-xlsx"
        >
          {t('accounts.downloadXlsx')}
        </Button>
      </Flex>
    </>
  );
}

function LockedAccounts() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [page, setPage] = useState(1);
  const [unlocking, setUnlocking] = useState<string | null>(null);
  const { data, error, loading, reload } = useAsync((signal) => accountsApi.locked(page, signal), [page]);
  const listing = toPage(data, page);
  const locale = currentLocale();

  const unlock = async (a: LockedAccount) => {
    setUnlocking(a.userId);
    try {
      await accountsApi.unlock(a.userId);
      void message.success(t('accounts.unlocked', { name: a.displayName || a.username }));
      reload();
    } catch (e) {
      reportError(e);
    } finally {
      setUnlocking(null);
    }
  };

  // Printing and managing accounts are separate permissions: someone who may only print sees no list.
  if (isApiError(error) && error.kind === 'forbidden') return null;

  const columns: TableColumnsType<LockedAccount> = [
    {
      title: t('accounts.username'),
      dataIndex: 'username',
      key: 'username',
      render: (v: string) => <span className="yx-mono">{v}</span>,
    },
    { title: t('accounts.displayName'), dataIndex: 'displayName', key: 'displayName' },
    {
      title: t('accounts.lockedUntil'),
      dataIndex: 'lockedUntil',
      key: 'lockedUntil',
      render: (v: string) => formatDateTime(v, locale),
    },
    { title: t('accounts.failedAttempts'), dataIndex: 'failedAttempts', key: 'failedAttempts' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, a) => (
        <Button
          size="small"
          icon={<UnlockOutlined aria-hidden />}
          loading={unlocking === a.userId}
          onClick={() => void unlock(a)}
          aria-label={t('accounts.unlockLabel', { name: a.displayName || a.username })}
          data-testid={`unlock-${a.username}`}
        >
          {t('accounts.unlock')}
        </Button>
      ),
    },
  ];

  return (
    <Card title={sectionTitle(t('accounts.lockedTitle'))}>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <div data-testid="locked-accounts">
          <Table<LockedAccount>
            rowKey="userId"
            size="small"
            loading={loading}
            dataSource={listing.items}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('accounts.lockedEmpty') }}
            pagination={
              listing.total > listing.pageSize
                ? {
                    current: listing.page,
                    pageSize: listing.pageSize,
                    total: listing.total,
                    onChange: setPage,
                    showSizeChanger: false,
                  }
                : false
            }
            columns={columns}
          />
        </div>
      )}
    </Card>
  );
}

export default function AccountsPage() {
  const { t } = useTranslation();
  const { get, update } = useQueryParams();
  const org: OrgSelection = { schoolId: get('schoolId'), gradeId: get('gradeId'), classId: get('classId') };
  const onOrg = useCallback(
    (next: OrgSelection) => update({ schoolId: next.schoolId, gradeId: next.gradeId, classId: next.classId }, true),
    [update],
  );

  return (
    <>
      <PageHeading title={t('accounts.title')} />
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card title={sectionTitle(t('accounts.credentialsTitle'))}>
            <Form layout="vertical" component="div" style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16 }}>
              <OrgPicker
                value={org}
                onChange={onOrg}
                depth="class"
                idPrefix="accounts"
                allowClear={false}
                autoSelectSingle
                testIdPrefix="accounts"
              />
            </Form>
            <Credentials classId={org.classId} />
          </Card>
        </Col>
        <Col span={24}>
          <LockedAccounts />
        </Col>
      </Row>
    </>
  );
}
