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
import { useCan } from '../session/useCan';
import { saveBlob } from '../lib/download';
import { formatDateTime } from '../lib/format';

function sectionTitle(text: string) {
  return <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;
}

function Credentials({ classId }: { classId: string | undefined }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const reportError = useReportError();
  const locale = currentLocale();
  const [scope, setScope] = useState<CredentialScope>('new');
  const [busy, setBusy] = useState<string | null>(null);
  // The class's last batch: downloading it again gives the same slips, never new passwords.
  const batch = useAsync(
    (signal) =>
      classId
        ? accountsApi.latestBatch(classId, signal).catch((e: unknown) => {
            if (isApiError(e) && e.kind === 'not-found') return null;
            throw e;
          })
        : Promise.resolve(null),
    [classId],
  );

  const save = async (key: string, fetchFile: () => Promise<{ blob: Blob; filename: string }>) => {
    setBusy(key);
    try {
      const file = await fetchFile();
      saveBlob(file.blob, file.filename);
      void message.success(t('accounts.downloaded', { filename: file.filename }));
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
      batch.reload();
    }
  };

  // Issuing changes passwords, so it is always confirmed; a download of the last batch is not.
  const issue = (format: CredentialFormat) => {
    if (!classId) return;
    const all = scope === 'all';
    modal.confirm({
      title: t(all ? 'accounts.confirmAllTitle' : 'accounts.confirmNewTitle'),
      content: t(all ? 'accounts.confirmAllText' : 'accounts.confirmNewText'),
      okText: t(all ? 'accounts.confirmAllOk' : 'accounts.confirmNewOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: all },
      onOk: () => save(format, () => accountsApi.credentials(classId, format, scope)),
    });
  };

  const again = (format: CredentialFormat) => {
    if (!classId) return;
    void save(`again-${format}`, () => accountsApi.batchFile(classId, format));
  };

  const last = batch.data;
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
          onClick={() => issue('pdf')}
          data-testid="credentials-pdf"
        >
          {t('accounts.downloadPdf')}
        </Button>
        <Button
          icon={<FileExcelOutlined aria-hidden />}
          disabled={!classId || busy !== null}
          loading={busy === 'xlsx'}
          onClick={() => issue('xlsx')}
          data-testid="credentials-xlsx"
        >
          {t('accounts.downloadXlsx')}
        </Button>
      </Flex>
      {classId && (
        <section aria-labelledby="accounts-batch-title" style={{ marginTop: 20 }} data-testid="credentials-batch">
          <h3 id="accounts-batch-title" style={{ fontSize: 14, margin: '0 0 8px' }}>
            {t('accounts.batchTitle')}
          </h3>
          {batch.error ? (
            <LoadError error={batch.error} onRetry={batch.reload} />
          ) : last ? (
            <>
              <div>
                {t('accounts.batchFacts', {
                  time: formatDateTime(last.issuedAt, locale),
                  name: last.issuedBy.name,
                  count: last.count,
                  scope: t(last.scope === 'all' ? 'accounts.scopeAll' : 'accounts.scopeNew'),
                })}
              </div>
              <div style={{ color: 'rgba(0,0,0,0.68)', fontSize: 13, margin: '4px 0 8px' }}>
                {t('accounts.batchKeptUntil', { time: formatDateTime(last.expiresAt, locale) })}
              </div>
              <Flex gap={8} wrap>
                <Button
                  icon={<FilePdfOutlined aria-hidden />}
                  disabled={busy !== null}
                  loading={busy === 'again-pdf'}
                  onClick={() => again('pdf')}
                  data-testid="credentials-again-pdf"
                >
                  {t('accounts.againPdf')}
                </Button>
                <Button
                  icon={<FileExcelOutlined aria-hidden />}
                  disabled={busy !== null}
                  loading={busy === 'again-xlsx'}
                  onClick={() => again('xlsx')}
                  data-testid="credentials-again-xlsx"
                >
                  {t('accounts.againXlsx')}
                </Button>
              </Flex>
            </>
          ) : (
            !batch.loading && <div style={{ color: 'rgba(0,0,0,0.68)' }}>{t('accounts.batchNone')}</div>
          )}
        </section>
      )}
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

  // A role that lost the permission while the page was open sees no list rather than an error.
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
  const can = useCan();
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
        {/* Printing and managing accounts are separate permissions: a head teacher may only print. Not asking
            for the list keeps every visit of theirs from being a refusal in the audit log. */}
        {can('account.manage') && (
          <Col span={24}>
            <LockedAccounts />
          </Col>
        )}
      </Row>
    </>
  );
}
