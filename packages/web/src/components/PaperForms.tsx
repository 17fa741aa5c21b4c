import { useCallback, useState } from 'react';
import { Alert, Button, Card, Col, Flex, Form, Result, Row, Segmented, Statistic, Typography, Upload } from 'antd';
import { FileExcelOutlined, FileOutlined, FilePdfOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CampaignDetail } from '../api/campaigns';
import { paperApi, type PaperImportResult } from '../api/paper';
import type { Locale } from '../api/types';
import { useReportError } from '../hooks/useReportError';
import { SHEET_ACCEPT, useSheetImport } from '../hooks/useSheetImport';
import { currentLocale } from '../i18n';
import { saveBlob } from '../lib/download';
import { useCan } from '../session/useCan';
import { ImportJobErrors, ImportJobProgress } from './ImportJobReport';
import OrgPicker, { type OrgSelection } from './OrgPicker';

/**
 * 纸质问卷: for a class without devices, print named forms, type the ticked scores into the class's
 * answer template, and upload it. The server checks every row and applies all or nothing.
 */
export default function PaperForms({ campaign }: { campaign: CampaignDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const reportError = useReportError();
  const [where, setWhere] = useState<OrgSelection>({});
  const [lang, setLang] = useState<Locale>(currentLocale());
  const [busy, setBusy] = useState<'forms' | 'blank' | 'template' | null>(null);
  const classId = where.classId;
  const canImport = can('paper.import') && (campaign.status === 'open' || campaign.status === 'closed');
  const upload = useSheetImport<PaperImportResult>((file) =>
    classId ? paperApi.startImport(campaign.id, classId, file) : null,
  );
  const { job, jobId, uploading, running, reset } = upload;

  const onWhere = useCallback(
    (next: OrgSelection) => {
      setWhere(next);
      reset();
    },
    [reset],
  );

  const download = async (what: 'forms' | 'blank' | 'template') => {
    if (!classId) return;
    setBusy(what);
    try {
      const file =
        what === 'template'
          ? await paperApi.template(campaign.id, classId, lang)
          : await paperApi.forms(campaign.id, classId, lang, what === 'blank');
      saveBlob(file.blob, file.filename);
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('paper.title')}</h2>}
      style={{ marginBottom: 16 }}
      data-testid="paper-forms"
    >
      <Typography.Paragraph>{t('paper.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Form layout="vertical" component="div">
            <OrgPicker
              value={where}
              onChange={onWhere}
              depth="class"
              idPrefix="paper"
              allowClear={false}
              autoSelectSingle
              testIdPrefix="paper"
            />
          </Form>
        </Col>
        <Col xs={24} xl={12}>
          <Flex gap={12} wrap align="center">
            <span id="paper-lang">{t('paper.language')}</span>
            <Segmented<Locale>
              aria-labelledby="paper-lang"
              value={lang}
              onChange={setLang}
              options={[
                { value: 'zh-CN', label: <span lang="zh-CN">{t('lang.zh')}</span> },
                { value: 'en', label: <span lang="en">{t('lang.en')}</span> },
              ]}
            />
          </Flex>
          <Flex gap={12} wrap style={{ marginTop: 12 }}>
            <Button
              icon={<FilePdfOutlined aria-hidden />}
              disabled={!classId}
              loading={busy === 'forms'}
              onClick={() => void download('forms')}
              data-testid="paper-forms-pdf"
            >
              {t('paper.downloadForms')}
            </Button>
            <Button
              icon={<FileOutlined aria-hidden />}
              disabled={!classId}
              loading={busy === 'blank'}
              onClick={() => void download('blank')}
              data-testid="paper-blank-pdf"
            >
              {t('paper.downloadBlank')}
            </Button>
            <Button
              icon={<FileExcelOutlined aria-hidden />}
              disabled={!classId}
              loading={busy === 'template'}
              onClick={() => void download('template')}
              data-testid="paper-template"
            >
              {t('paper.downloadTemplate')}
            </Button>
          </Flex>
        </Col>
      </Row>

      {can('paper.import') && (
        <div style={{ marginTop: 24 }}>
          <h3 style={{ fontSize: 15 }}>{t('paper.uploadTitle')}</h3>
          {!canImport && <Alert type="info" showIcon title={t('paper.notOpen')} style={{ marginBottom: 16 }} />}
          {canImport && !classId && (
            <Alert type="warning" showIcon title={t('paper.chooseClass')} style={{ marginBottom: 16 }} />
          )}
          <Upload.Dragger
            name="file"
            accept={SHEET_ACCEPT}
            multiple={false}
            maxCount={1}
            showUploadList={false}
            disabled={!classId || !canImport || running}
            beforeUpload={upload.beforeUpload}
            customRequest={upload.customRequest}
            data-testid="paper-upload"
            aria-label={t('paper.uploadLabel')}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">{t('paper.uploadText')}</p>
            <p className="ant-upload-hint" style={{ color: 'rgba(0,0,0,0.68)' }}>
              {t('paper.uploadHint')}
            </p>
          </Upload.Dragger>
          {(uploading || jobId) && (
            <div style={{ marginTop: 24 }}>
              <ImportJobProgress job={job} />
              {job?.status === 'failed' && (
                <ImportJobErrors
                  errors={job.errors ?? []}
                  summary={t('paper.failedText', { n: job.errors?.length ?? 0 })}
                />
              )}
              {job?.status === 'succeeded' && (
                <Result
                  status="success"
                  title={t('paper.successTitle')}
                  subTitle={
                    job.result && (
                      <Row gutter={[24, 16]} justify="center" data-testid="paper-result" style={{ marginTop: 8 }}>
                        {(['applied', 'unchanged', 'skipped', 'alerts'] as const).map((k) => (
                          <Col key={k}>
                            <Statistic title={t(`paper.result.${k}`)} value={job.result![k]} />
                          </Col>
                        ))}
                      </Row>
                    )
                  }
                  extra={<Button onClick={reset}>{t('paper.importAnother')}</Button>}
                />
              )}
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
