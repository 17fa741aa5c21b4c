import { useState } from 'react';
import { Alert, Button, Card, Flex, Table, Typography, Upload } from 'antd';
import { FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { staffApi, type RegistryImportReport } from '../api/staff';
import type { Locale } from '../api/types';
import StatusTag, { type Tone } from '../components/StatusTag';
import { useReportError } from '../hooks/useReportError';
import { SHEET_ACCEPT } from '../hooks/useSheetImport';
import { useCitySetupT } from '../i18n/citysetup';
import { saveBlob } from '../lib/download';

type Item = RegistryImportReport['items'][number];
type RowError = RegistryImportReport['errors'][number];

const STATUS_TONE: Record<Item['status'], Tone> = { update: 'warn', unchanged: 'neutral' };

/**
 * The staff registry from one sheet, like the org tree: preview what changes for whom (or every row's
 * error), then import it all at once. Registry fields only: no account is made, no role granted.
 */
export default function StaffRegistryImportCard({ onApplied }: { onApplied: () => void }) {
  const tcs = useCitySetupT();
  const reportError = useReportError();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<RegistryImportReport | null>(null);
  const [busy, setBusy] = useState<'preview' | 'apply' | Locale | null>(null);

  const template = async (lang: Locale) => {
    setBusy(lang);
    try {
      const f = await staffApi.registryTemplate(lang);
      saveBlob(f.blob, f.filename);
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };

  const run = async (mode: 'preview' | 'apply') => {
    if (!file) return;
    setBusy(mode);
    try {
      const r = await staffApi.importRegistry(file, mode);
      setReport(r);
      if (r.applied) onApplied();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };

  const reset = () => {
    setFile(null);
    setReport(null);
  };

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{tcs('registryImport.title')}</h2>}
      data-testid="registry-import"
    >
      <Typography.Paragraph>{tcs('registryImport.intro')}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Button
          icon={<FileExcelOutlined aria-hidden />}
          loading={busy === 'zh-CN'}
          onClick={() => void template('zh-CN')}
          data-testid="registry-import-template"
        >
          {tcs('registryImport.templateZh')}
        </Button>
        <Button icon={<FileExcelOutlined aria-hidden />} loading={busy === 'en'} onClick={() => void template('en')}>
          {tcs('registryImport.templateEn')}
        </Button>
      </Flex>
      {report?.applied ? (
        <>
          <div data-testid="registry-import-applied">
            <Alert
              type="success"
              showIcon
              message={tcs('registryImport.appliedTitle')}
              description={tcs('registryImport.appliedCounts', report.counts)}
            />
          </div>
          <Button style={{ marginTop: 12 }} onClick={reset}>
            {tcs('registryImport.again')}
          </Button>
        </>
      ) : (
        <>
          <Flex gap={8} wrap align="center">
            <Upload
              accept={SHEET_ACCEPT}
              maxCount={1}
              showUploadList={false}
              beforeUpload={(f) => {
                setFile(f);
                setReport(null);
                return false;
              }}
            >
              <Button icon={<UploadOutlined aria-hidden />} data-testid="registry-import-file">
                {tcs('registryImport.choose')}
              </Button>
            </Upload>
            {file && <Typography.Text>{file.name}</Typography.Text>}
            <Button
              disabled={!file}
              loading={busy === 'preview'}
              onClick={() => void run('preview')}
              data-testid="registry-import-preview"
            >
              {tcs('registryImport.preview')}
            </Button>
            <Button
              type="primary"
              disabled={!file || !report || report.errors.length > 0 || report.counts.update === 0}
              loading={busy === 'apply'}
              onClick={() => void run('apply')}
              data-testid="registry-import-apply"
            >
              {tcs('registryImport.apply')}
            </Button>
          </Flex>
          {report && <ImportReport report={report} />}
        </>
      )}
    </Card>
  );
}

function ImportReport({ report }: { report: RegistryImportReport }) {
  const tcs = useCitySetupT();
  if (report.errors.length > 0)
    return (
      <div style={{ marginTop: 16 }} data-testid="registry-import-errors">
        <Alert type="error" showIcon message={tcs('registryImport.errorsTitle', { n: report.errors.length })} />
        <Table<RowError>
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
          dataSource={report.errors}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: tcs('registryImport.colRow'), dataIndex: 'row', width: 70 },
            { title: tcs('registryImport.colColumn'), dataIndex: 'column', width: 120 },
            { title: tcs('registryImport.colMessage'), dataIndex: 'message' },
          ]}
        />
      </div>
    );
  return (
    <div style={{ marginTop: 16 }} data-testid="registry-import-preview-table">
      <Typography.Paragraph>
        {tcs('registryImport.rows', { n: report.rows })} · {tcs('registryImport.counts', report.counts)}
      </Typography.Paragraph>
      {report.counts.update === 0 && <Alert type="info" showIcon message={tcs('registryImport.nothingNew')} />}
      <Table<Item>
        size="small"
        rowKey={(i) => `${i.username}-${i.row}`}
        dataSource={report.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: tcs('registryImport.colRow'), dataIndex: 'row', width: 70 },
          {
            title: tcs('registryImport.colPerson'),
            render: (_: unknown, i: Item) => `${i.name}（${i.username}）`,
          },
          {
            title: tcs('registryImport.colChanges'),
            render: (_: unknown, i: Item) =>
              i.changes.map((c) => tcs(`registryImport.field.${c}`)).join('、') +
              (i.schoolYear && (i.changes.includes('hours') || i.changes.includes('supervisionHours'))
                ? `（${i.schoolYear}）`
                : ''),
          },
          {
            title: tcs('registryImport.colStatus'),
            dataIndex: 'status',
            width: 100,
            render: (s: Item['status']) => (
              <StatusTag tone={STATUS_TONE[s]}>{tcs(`registryImport.status.${s}`)}</StatusTag>
            ),
          },
        ]}
      />
    </div>
  );
}
