import { useState } from 'react';
import { Alert, Button, Card, Flex, Table, Typography, Upload } from 'antd';
import { FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { orgApi, type OrgImportReport } from '../api/org';
import type { Locale } from '../api/types';
import StatusTag, { type Tone } from '../components/StatusTag';
import { useReportError } from '../hooks/useReportError';
import { SHEET_ACCEPT } from '../hooks/useSheetImport';
import { useCitySetupT } from '../i18n/citysetup';
import { saveBlob } from '../lib/download';

type Item = OrgImportReport['items'][number];
type RowError = OrgImportReport['errors'][number];

const STATUS_TONE: Record<Item['status'], Tone> = { create: 'good', update: 'warn', exists: 'neutral' };

/**
 * The org tree from one sheet, like the roster: preview what will be created and what exists (or every
 * row's error), then import it all at once. `onApplied` refreshes the tree.
 */
export default function OrgImportCard({ onApplied }: { onApplied: () => void }) {
  const tcs = useCitySetupT();
  const reportError = useReportError();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<OrgImportReport | null>(null);
  const [busy, setBusy] = useState<'preview' | 'apply' | Locale | null>(null);

  const template = async (lang: Locale) => {
    setBusy(lang);
    try {
      const f = await orgApi.importTemplate(lang);
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
      const r = await orgApi.importSheet(file, mode);
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

  const changes = report ? report.counts.create + report.counts.update : 0;

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{tcs('orgImport.title')}</h2>} data-testid="org-import">
      <Typography.Paragraph>{tcs('orgImport.intro')}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Button
          icon={<FileExcelOutlined aria-hidden />}
          loading={busy === 'zh-CN'}
          onClick={() => void template('zh-CN')}
          data-testid="org-import-template"
        >
          {tcs('orgImport.templateZh')}
        </Button>
        <Button icon={<FileExcelOutlined aria-hidden />} loading={busy === 'en'} onClick={() => void template('en')}>
          {tcs('orgImport.templateEn')}
        </Button>
      </Flex>
      {report?.applied ? (
        <>
          <div data-testid="org-import-applied">
            <Alert
              type="success"
              showIcon
              message={tcs('orgImport.appliedTitle')}
              description={tcs('orgImport.appliedCounts', report.counts)}
            />
          </div>
          <Button style={{ marginTop: 12 }} onClick={reset}>
            {tcs('orgImport.again')}
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
              <Button icon={<UploadOutlined aria-hidden />} data-testid="org-import-file">
                {tcs('orgImport.choose')}
              </Button>
            </Upload>
            {file && <Typography.Text data-testid="org-import-filename">{file.name}</Typography.Text>}
            <Button
              disabled={!file}
              loading={busy === 'preview'}
              onClick={() => void run('preview')}
              data-testid="org-import-preview"
            >
              {tcs('orgImport.preview')}
            </Button>
            <Button
              type="primary"
              disabled={!file || !report || report.errors.length > 0 || changes === 0}
              loading={busy === 'apply'}
              onClick={() => void run('apply')}
              data-testid="org-import-apply"
            >
              {tcs('orgImport.apply')}
            </Button>
          </Flex>
          {report && <ImportReport report={report} />}
        </>
      )}
    </Card>
  );
}

function ImportReport({ report }: { report: OrgImportReport }) {
  const tcs = useCitySetupT();
  if (report.errors.length > 0)
    return (
      <div style={{ marginTop: 16 }} data-testid="org-import-errors">
        <Alert type="error" showIcon message={tcs('orgImport.errorsTitle', { n: report.errors.length })} />
        <Table<RowError>
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
          dataSource={report.errors}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: tcs('orgImport.colRow'), dataIndex: 'row', width: 70 },
            { title: tcs('orgImport.colColumn'), dataIndex: 'column', width: 120 },
            { title: tcs('orgImport.colMessage'), dataIndex: 'message' },
          ]}
        />
      </div>
    );
  return (
    <div style={{ marginTop: 16 }} data-testid="org-import-preview-table">
      <Typography.Paragraph>
        {tcs('orgImport.rows', { n: report.rows })} · {tcs('orgImport.counts', report.counts)}
      </Typography.Paragraph>
      {report.counts.create + report.counts.update === 0 && (
        <Alert type="info" showIcon message={tcs('orgImport.nothingNew')} />
      )}
      <Table<Item>
        size="small"
        rowKey={(i) => `${i.kind}-${i.path}-${i.row}`}
        dataSource={report.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: tcs('orgImport.colRow'), dataIndex: 'row', width: 70 },
          {
            title: tcs('orgImport.colKind'),
            dataIndex: 'kind',
            width: 140,
            render: (k: Item['kind']) => tcs(`orgImport.kind.${k}`),
          },
          {
            title: tcs('orgImport.colPath'),
            render: (_: unknown, i: Item) => (i.value ? `${i.path} → ${i.value}` : i.path),
          },
          {
            title: tcs('orgImport.colStatus'),
            dataIndex: 'status',
            width: 100,
            render: (s: Item['status']) => <StatusTag tone={STATUS_TONE[s]}>{tcs(`orgImport.status.${s}`)}</StatusTag>,
          },
        ]}
      />
    </div>
  );
}
