import { chinaYearOf } from '@yuxin/core';
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Flex, Form, Select, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { complianceApi, type ComplianceReport, type LabelCategory } from '../api/compliance';
import OrgPicker from '../components/OrgPicker';
import PageHeading from '../components/PageHeading';
import { LoadError } from '../components/Results';
import { useAsync } from '../hooks/useAsync';
import { useQueryParams } from '../hooks/useQueryParams';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { saveBlob } from '../lib/download';
import { useSignedIn } from '../session/useSession';

const FIRST_YEAR = 2020;
const thisYear = () => chinaYearOf(new Date());

/**
 * 合规报告: a year's evidence from the audit log for the unit the user answers for (or one of its schools):
 * who read which kinds of records, exports, consents, disclosures, retention, disabled accounts and refusals.
 */
export default function CompliancePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const { user } = useSignedIn();
  const locale = currentLocale();
  const { get, update } = useQueryParams();
  const year = Number(get('year')) || thisYear();
  const schoolId = get('schoolId');
  const wide = user.bindings.some((b) => b.scope.level === 'district' || b.scope.level === 'city');
  // The locale is a dependency: the server names the codes in the caller's language.
  const report = useAsync(
    (signal) => complianceApi.report({ unitId: schoolId, year }, signal),
    [schoolId, year, locale],
  );
  const [busy, setBusy] = useState<'pdf' | 'xlsx' | null>(null);
  const r = report.data;

  const exportAs = async (format: 'pdf' | 'xlsx') => {
    if (!r) return;
    setBusy(format);
    try {
      const file = await complianceApi.export({ unitId: r.unit.id, year: r.year }, format);
      saveBlob(file.blob, file.filename);
      void message.success(t('compliance.downloaded', { filename: file.filename }));
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };
  const years = Array.from({ length: thisYear() - FIRST_YEAR + 1 }, (_, i) => thisYear() - i);
  return (
    <>
      <PageHeading
        title={
          r
            ? t('compliance.titleOf', {
                unit: locale === 'en' && r.unit.nameEn ? r.unit.nameEn : r.unit.name,
                year: r.year,
              })
            : t('compliance.title')
        }
        testId="compliance-title"
        extra={
          r && (
            <Flex gap={8}>
              <Button
                icon={<FilePdfOutlined aria-hidden />}
                loading={busy === 'pdf'}
                onClick={() => void exportAs('pdf')}
                data-testid="compliance-pdf"
              >
                {t('compliance.exportPdf')}
              </Button>
              <Button
                icon={<FileExcelOutlined aria-hidden />}
                loading={busy === 'xlsx'}
                onClick={() => void exportAs('xlsx')}
                data-testid="compliance-xlsx"
              >
                {t('compliance.exportXlsx')}
              </Button>
            </Flex>
          )
        }
      />
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
        <Form
          layout="vertical"
          component="div"
          style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16, alignItems: 'end' }}
        >
          <Form.Item label={<span id="compliance-year-label">{t('compliance.year')}</span>} style={{ minWidth: 160 }}>
            <Select
              aria-labelledby="compliance-year-label"
              data-testid="compliance-year"
              value={year}
              onChange={(v: number) => update({ year: String(v) })}
              options={years.map((y) => ({ value: y, label: String(y) }))}
            />
          </Form.Item>
          {wide && (
            <div style={{ minWidth: 280 }}>
              <OrgPicker
                value={{ schoolId }}
                onChange={(v) => update({ schoolId: v.schoolId })}
                depth="school"
                idPrefix="compliance"
                testIdPrefix="compliance"
              />
            </div>
          )}
        </Form>
      </Card>
      <Alert type="info" showIcon title={t('compliance.note')} style={{ marginBottom: 16 }} />
      {report.error ? <LoadError error={report.error} onRetry={report.reload} /> : null}
      {report.loading && !r && <Skeleton active />}
      {r && <ComplianceBody r={r} />}
    </>
  );
}

function ComplianceBody({ r }: { r: ComplianceReport }) {
  const { t } = useTranslation();
  const label = (category: LabelCategory, code: string) => r.labels[category]?.[code] ?? code;
  return (
    <Flex vertical gap={16} data-testid="compliance-report">
      <Section
        id="access"
        rows={r.access}
        rowKey={(a) => `${a.username}|${a.targetType}`}
        cols={[
          ['username', (a) => a.username],
          ['role', (a) => a.roles.map((role) => label('role', role)).join(t('common.listSeparator'))],
          ['target', (a) => label('target', a.targetType)],
          ['events', (a) => a.events, true],
        ]}
      />
      <Section
        id="exports"
        rows={r.exports}
        rowKey={(e) => `${e.action}|${e.role}`}
        cols={[
          ['action', (e) => label('action', e.action)],
          ['role', (e) => label('role', e.role)],
          ['events', (e) => e.events, true],
          ['users', (e) => e.users, true],
        ]}
      />
      <Section
        id="consents"
        rows={r.consents}
        rowKey={(c) => `${c.kind}|${c.decision}`}
        cols={[
          ['kind', (c) => label('consent', c.kind)],
          ['decision', (c) => label('decision', c.decision)],
          ['count', (c) => c.count, true],
        ]}
        footer={
          <Typography.Text data-testid="compliance-consents-held">
            {t('compliance.consentsHeld', { n: r.consentsHeld })}
          </Typography.Text>
        }
      />
      <Section
        id="disclosures"
        rows={r.disclosures}
        rowKey={(d) => d.told}
        cols={[
          ['told', (d) => label('told', d.told)],
          ['count', (d) => d.count, true],
        ]}
      />
      <Section
        id="retention"
        rows={r.retention}
        rowKey={(x) => x.action}
        cols={[
          ['action', (x) => label('action', x.action)],
          ['events', (x) => x.events, true],
        ]}
      />
      <Section
        id="accounts"
        rows={r.accountsDisabled}
        rowKey={(a) => a.kind}
        cols={[
          ['kind', (a) => label('accountKind', a.kind)],
          ['count', (a) => a.count, true],
        ]}
      />
      <Section
        id="refusals"
        rows={r.refusals}
        rowKey={(x) => `${x.action}|${x.outcome}`}
        cols={[
          ['action', (x) => label('action', x.action)],
          ['outcome', (x) => label('outcome', x.outcome)],
          ['events', (x) => x.events, true],
        ]}
      />
    </Flex>
  );
}

/** A column: its heading key under compliance.col, what a row shows, and whether it is a number (right-aligned). */
type Col<T> = [key: string, render: (row: T) => ReactNode, numeric?: boolean];

function Section<T extends object>({
  id,
  rows,
  rowKey,
  cols,
  footer,
}: {
  id: string;
  rows: T[];
  rowKey: (row: T) => string;
  cols: Col<T>[];
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  const title = t(`compliance.section.${id}`);
  const columns: ColumnsType<T> = cols.map(([key, render, numeric]) => ({
    title: t(`compliance.col.${key}`),
    key,
    render: (_: unknown, row: T) => render(row),
    align: numeric ? 'right' : undefined,
  }));
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>}>
      <div style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={title}>
        <Table<T>
          size="small"
          rowKey={rowKey}
          pagination={rows.length > 20 ? { pageSize: 20 } : false}
          dataSource={rows}
          columns={columns}
          locale={{ emptyText: t('compliance.none') }}
          data-testid={`compliance-${id}`}
        />
      </div>
      {footer && <div style={{ marginTop: 12 }}>{footer}</div>}
    </Card>
  );
}
