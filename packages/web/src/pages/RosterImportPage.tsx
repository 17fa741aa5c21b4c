import { useCallback, useState } from 'react';
import { Alert, Button, Card, Col, Flex, Form, Result, Row, Segmented, Statistic, Typography, Upload } from 'antd';
import { FileExcelOutlined, FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { rosterApi, type TemplateFormat } from '../api/roster';
import type { ImportResult, Locale } from '../api/types';
import { ImportJobErrors, ImportJobProgress } from '../components/ImportJobReport';
import OrgPicker, { type OrgSelection } from '../components/OrgPicker';
import PageHeading from '../components/PageHeading';
import { useQueryParams } from '../hooks/useQueryParams';
import { useReportError } from '../hooks/useReportError';
import { SHEET_ACCEPT, useSheetImport } from '../hooks/useSheetImport';
import { currentLocale } from '../i18n';
import { saveBlob } from '../lib/download';

function sectionTitle(text: string) {
  return <h2 style={{ fontSize: 16, margin: 0 }}>{text}</h2>;
}

function TemplateDownloads() {
  const { t } = useTranslation();
  const reportError = useReportError();
  const [lang, setLang] = useState<Locale>(currentLocale());
  const [busy, setBusy] = useState<TemplateFormat | null>(null);

  const download = async (format: TemplateFormat) => {
    setBusy(format);
    try {
      const file = await rosterApi.template(format, lang);
      saveBlob(file.blob, file.filename);
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Typography.Paragraph>{t('roster.templateColumns')}</Typography.Paragraph>
      <Flex gap={12} wrap align="center">
        <span id="roster-template-lang">{t('roster.templateLang')}</span>
        <Segmented<Locale>
          aria-labelledby="roster-template-lang"
          value={lang}
          onChange={setLang}
          options={[
            { value: 'zh-CN', label: <span lang="zh-CN">{t('lang.zh')}</span> },
            { value: 'en', label: <span lang="en">{t('lang.en')}</span> },
          ]}
        />
        <Button
          icon={<FileExcelOutlined aria-hidden />}
          loading={busy === 'xlsx'}
          onClick={() => void download('xlsx')}
          data-testid="template-xlsx"
        >
          {t('roster.templateXlsx')}
        </Button>
        <Button
          icon={<FileTextOutlined aria-hidden />}
          loading={busy === 'csv'}
          onClick={() => void download('csv')}
          data-testid="template-csv"
        >
          {t('roster.templateCsv')}
        </Button>
      </Flex>
    </>
  );
}

function ImportSuccess({ result, onAgain }: { result: ImportResult | null; onAgain: () => void }) {
  const { t } = useTranslation();
  const stats: (keyof ImportResult)[] = ['created', 'updated', 'moved', 'unchanged'];
  // Students of another school are not imported: a transfer request is raised for each (see Transfers).
  if (result?.transfersRequested) stats.push('transfersRequested');
  return (
    <Result
      status="success"
      title={t('roster.successTitle')}
      subTitle={
        result && (
          <Row gutter={[24, 16]} justify="center" data-testid="import-result" style={{ marginTop: 8 }}>
            {stats.map((k) => (
              <Col key={k}>
                <Statistic title={t(`roster.${k}`)} value={result[k]} />
              </Col>
            ))}
          </Row>
        )
      }
      extra={<Button onClick={onAgain}>{t('roster.importAnother')}</Button>}
    />
  );
}

export default function RosterImportPage() {
  const { t } = useTranslation();
  const { get, update } = useQueryParams();
  const schoolId = get('schoolId');
  const upload = useSheetImport<ImportResult>((file) => (schoolId ? rosterApi.startImport(schoolId, file) : null));
  const { job, jobId, uploading, running, reset } = upload;

  const onSchool = useCallback(
    (sel: OrgSelection) => {
      update({ schoolId: sel.schoolId }, true);
      reset();
    },
    [update, reset],
  );

  return (
    <>
      <PageHeading title={t('roster.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={sectionTitle(t('roster.stepSchool'))} style={{ height: '100%' }}>
            <Form layout="vertical" component="div">
              <OrgPicker
                value={{ schoolId }}
                onChange={onSchool}
                depth="school"
                idPrefix="roster"
                allowClear={false}
                autoSelectSingle
                testIdPrefix="import"
              />
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={sectionTitle(t('roster.stepTemplate'))} style={{ height: '100%' }}>
            <TemplateDownloads />
          </Card>
        </Col>
        <Col span={24}>
          <Card title={sectionTitle(t('roster.stepUpload'))}>
            {!schoolId && (
              <Alert type="warning" showIcon title={t('roster.chooseSchoolFirst')} style={{ marginBottom: 16 }} />
            )}
            <Upload.Dragger
              name="file"
              accept={SHEET_ACCEPT}
              multiple={false}
              maxCount={1}
              showUploadList={false}
              disabled={!schoolId || running}
              beforeUpload={upload.beforeUpload}
              customRequest={upload.customRequest}
              data-testid="import-upload"
              aria-label={t('roster.uploadLabel')}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined aria-hidden />
              </p>
              <p className="ant-upload-text">{t('roster.uploadText')}</p>
              <p className="ant-upload-hint" style={{ color: 'rgba(0,0,0,0.68)' }}>
                {t('roster.uploadHint')}
              </p>
            </Upload.Dragger>

            {(uploading || jobId) && (
              <div style={{ marginTop: 24 }}>
                <ImportJobProgress job={job} />
                {job?.status === 'failed' && (
                  <ImportJobErrors
                    errors={job.errors ?? []}
                    summary={t('roster.failedText', { n: job.errors?.length ?? 0 })}
                  />
                )}
                {job?.status === 'succeeded' && <ImportSuccess result={job.result} onAgain={reset} />}
              </div>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
