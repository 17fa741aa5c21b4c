import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Result, Row, Segmented, Statistic, Typography, Upload } from 'antd';
import { FileExcelOutlined, FileOutlined, FilePdfOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CampaignDetail } from '../api/campaigns';
import { paperApi, type PaperImportResult } from '../api/paper';
import type { Job, Locale } from '../api/types';
import { useJobPoll } from '../hooks/useJobPoll';
import { useReportError } from '../hooks/useReportError';
import { currentLocale } from '../i18n';
import { saveBlob } from '../lib/download';
import { useCan } from '../session/useCan';
import { ImportJobErrors, ImportJobProgress } from './ImportJobReport';
import OrgPicker, { type OrgSelection } from './OrgPicker';

const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/**
 * 纸质问卷: for a class without devices, print named forms, type the ticked scores into the class's
 * answer template, and upload it. The server checks every row and applies all or nothing.
 */
export default function PaperForms({ campaign }: { campaign: CampaignDetail }) {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [where, setWhere] = useState<OrgSelection>({});
  const [lang, setLang] = useState<Locale>(currentLocale());
  const [busy, setBusy] = useState<'forms' | 'blank' | 'template' | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const { job: polled, error: pollError } = useJobPoll(jobId);
  const job = polled as Job<PaperImportResult> | null;
  const classId = where.classId;
  const canImport = can('paper.import') && (campaign.status === 'open' || campaign.status === 'closed');

  useEffect(() => {
    if (pollError) reportError(pollError);
  }, [pollError, reportError]);

  const onWhere = useCallback((next: OrgSelection) => {
    setWhere(next);
    setJobId(null);
  }, []);

  const download = async (what: 'forms' | 'blank' | 'template') => {
    if (!classId) return;
    setBusy(what);
    try {
      const file = what === 'template' ? await paperApi.template(campaign.id, classId, lang) : await paperApi.forms(campaign.id, classId, lang, what === 'blank');
      saveBlob(file.blob, file.filename);
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };

  const running = uploading || (!!jobId && (!job || job.status === 'queued' || job.status === 'running'));

  const beforeUpload = (file: File) => {
    if (!/\.(xlsx|csv)$/i.test(file.name)) {
      void message.error(t('roster.badType'));
      return Upload.LIST_IGNORE;
    }
    if (file.size > MAX_BYTES) {
      void message.error(t('roster.tooLarge'));
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const customRequest = async ({ file }: { file: string | Blob }) => {
    if (!classId || !(file instanceof File)) return;
    setUploading(true);
    setJobId(null);
    try {
      setJobId((await paperApi.startImport(campaign.id, classId, file)).jobId);
    } catch (e) {
      reportError(e);
    } finally {
      setUploading(false);
    }
  };

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('paper.title')}</h2>} style={{ marginBottom: 16 }} data-testid="paper-forms">
      <Typography.Paragraph>{t('paper.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Form layout="vertical" component="div">
            <OrgPicker value={where} onChange={onWhere} depth="class" idPrefix="paper" allowClear={false} autoSelectSingle testIdPrefix="paper" />
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
            <Button icon={<FilePdfOutlined aria-hidden />} disabled={!classId} loading={busy === 'forms'} onClick={() => void download('forms')} data-testid="paper-forms-pdf">
              {t('paper.downloadForms')}
            </Button>
            <Button icon={<FileOutlined aria-hidden />} disabled={!classId} loading={busy === 'blank'} onClick={() => void download('blank')} data-testid="paper-blank-pdf">
              {t('paper.downloadBlank')}
            </Button>
            <Button icon={<FileExcelOutlined aria-hidden />} disabled={!classId} loading={busy === 'template'} onClick={() => void download('template')} data-testid="paper-template">
              {t('paper.downloadTemplate')}
            </Button>
          </Flex>
        </Col>
      </Row>

      {can('paper.import') && (
        <div style={{ marginTop: 24 }}>
          <h3 style={{ fontSize: 15 }}>{t('paper.uploadTitle')}</h3>
          {!canImport && <Alert type="info" showIcon title={t('paper.notOpen')} style={{ marginBottom: 16 }} />}
          {canImport && !classId && <Alert type="warning" showIcon title={t('paper.chooseClass')} style={{ marginBottom: 16 }} />}
          <Upload.Dragger
            name="file"
            accept={ACCEPT}
            multiple={false}
            maxCount={1}
            showUploadList={false}
            disabled={!classId || !canImport || running}
            beforeUpload={beforeUpload}
            customRequest={(o) => void customRequest(o)}
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
              {job?.status === 'failed' && <ImportJobErrors errors={job.errors ?? []} summary={t('paper.failedText', { n: job.errors?.length ?? 0 })} />}
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
                  extra={<Button onClick={() => setJobId(null)}>{t('paper.importAnother')}</Button>}
                />
              )}
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
