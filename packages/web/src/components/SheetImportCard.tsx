import { useState } from 'react';
import { Alert, Button, Card, Flex, Table, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import type { Locale } from '../api/types';
import { useReportError } from '../hooks/useReportError';
import { SHEET_ACCEPT } from '../hooks/useSheetImport';
import { useCitySetupT } from '../i18n/citysetup';
import { saveBlob } from '../lib/download';
import type { SheetImportText } from './sheet-import-texts';

interface RowError {
  row: number;
  column: string;
  message: string;
}

/** What a sheet import route answers, for preview and apply alike. */
export interface SheetImportReport<Item> {
  applied: boolean;
  rows: number;
  counts: Record<string, number>;
  errors: RowError[];
  items: Item[];
}

export interface SheetImportCardProps<Item, Report extends SheetImportReport<Item>> {
  /** The card's strings' key in the citysetup namespace; also the prefix of its test ids (kebab-cased). */
  texts: 'orgImport' | 'registryImport';
  template: (lang: Locale) => Promise<{ blob: Blob; filename: string }>;
  importSheet: (file: File, mode: 'preview' | 'apply') => Promise<Report>;
  /** How many rows the sheet would change: with none there is nothing to import. */
  changesOf: (report: Report) => number;
  itemKey: (item: Item) => string;
  /** The preview's columns after the row number. */
  itemColumns: ColumnsType<Item>;
  onApplied: () => void;
}

/**
 * A sheet imported the way the roster is: download a template, preview what changes (or every row's error),
 * then import all of it at once, or nothing. The org tree and the staff registry differ only in their rows.
 */
export default function SheetImportCard<Item extends object, Report extends SheetImportReport<Item>>({
  texts,
  template,
  importSheet,
  changesOf,
  itemKey,
  itemColumns,
  onApplied,
}: SheetImportCardProps<Item, Report>) {
  const tcs = useCitySetupT();
  const tx = (key: SheetImportText, values?: Record<string, unknown>) => tcs(`${texts}.${key}`, values);
  const testId = texts === 'orgImport' ? 'org-import' : 'registry-import';
  const reportError = useReportError();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState<'preview' | 'apply' | Locale | null>(null);

  const downloadTemplate = async (lang: Locale) => {
    setBusy(lang);
    try {
      const f = await template(lang);
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
      const r = await importSheet(file, mode);
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
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{tx('title')}</h2>} data-testid={testId}>
      <Typography.Paragraph>{tx('intro')}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Button
          icon={<FileExcelOutlined aria-hidden />}
          loading={busy === 'zh-CN'}
          onClick={() => void downloadTemplate('zh-CN')}
          data-testid={`${testId}-template`}
        >
          {tx('templateZh')}
        </Button>
        <Button
          icon={<FileExcelOutlined aria-hidden />}
          loading={busy === 'en'}
          onClick={() => void downloadTemplate('en')}
        >
          {tx('templateEn')}
        </Button>
      </Flex>
      {report?.applied ? (
        <>
          <div data-testid={`${testId}-applied`}>
            <Alert
              type="success"
              showIcon
              message={tx('appliedTitle')}
              description={tx('appliedCounts', report.counts)}
            />
          </div>
          <Button style={{ marginTop: 12 }} onClick={reset}>
            {tx('again')}
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
              <Button icon={<UploadOutlined aria-hidden />} data-testid={`${testId}-file`}>
                {tx('choose')}
              </Button>
            </Upload>
            {file && <Typography.Text data-testid={`${testId}-filename`}>{file.name}</Typography.Text>}
            <Button
              disabled={!file}
              loading={busy === 'preview'}
              onClick={() => void run('preview')}
              data-testid={`${testId}-preview`}
            >
              {tx('preview')}
            </Button>
            <Button
              type="primary"
              disabled={!file || !report || report.errors.length > 0 || changesOf(report) === 0}
              loading={busy === 'apply'}
              onClick={() => void run('apply')}
              data-testid={`${testId}-apply`}
            >
              {tx('apply')}
            </Button>
          </Flex>
          {report && (
            <div style={{ marginTop: 16 }}>
              {report.errors.length > 0 ? (
                <div data-testid={`${testId}-errors`}>
                  <Alert type="error" showIcon message={tx('errorsTitle', { n: report.errors.length })} />
                  <Table<RowError>
                    style={{ marginTop: 12 }}
                    size="small"
                    rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                    dataSource={report.errors}
                    pagination={{ pageSize: 20, hideOnSinglePage: true }}
                    columns={[
                      { title: tx('colRow'), dataIndex: 'row', width: 70 },
                      { title: tx('colColumn'), dataIndex: 'column', width: 120 },
                      { title: tx('colMessage'), dataIndex: 'message' },
                    ]}
                  />
                </div>
              ) : (
                <div data-testid={`${testId}-preview-table`}>
                  <Typography.Paragraph>
                    {tx('rows', { n: report.rows })} · {tx('counts', report.counts)}
                  </Typography.Paragraph>
                  {changesOf(report) === 0 && <Alert type="info" showIcon message={tx('nothingNew')} />}
                  <Table<Item>
                    size="small"
                    rowKey={itemKey}
                    dataSource={report.items}
                    pagination={{ pageSize: 20, hideOnSinglePage: true }}
                    columns={[{ title: tx('colRow'), dataIndex: 'row', width: 70 }, ...itemColumns]}
                  />
                </div>
              )}
            </div>
          )}
        </>
      )}
    </Card>
  );
}
