import { useCallback, useEffect, useState } from 'react';
import { App, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Job } from '../api/types';
import { useJobPoll } from './useJobPoll';
import { useReportError } from './useReportError';

/** The server's upload limit (YUXIN_UPLOAD_LIMIT_BYTES default); checked here so a big file fails at once. */
const MAX_BYTES = 20 * 1024 * 1024;
export const SHEET_ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/**
 * One spreadsheet upload that the server runs as a job (roster, paper answers): refuses other file types
 * and oversized files before sending, starts the job, and polls it until it has failed or succeeded.
 * `start` returns null when nothing is chosen to import into yet.
 */
export function useSheetImport<R>(start: (file: File) => Promise<{ jobId: string }> | null) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [jobId, setJobId] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const { job, error: pollError } = useJobPoll(jobId);

  useEffect(() => {
    if (pollError) reportError(pollError);
  }, [pollError, reportError]);

  // Stable, because pickers call it from their change handlers' effects.
  const reset = useCallback(() => setJobId(null), []);

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
    if (!(file instanceof File)) return;
    const started = start(file);
    if (!started) return;
    setUploading(true);
    setJobId(null);
    try {
      setJobId((await started).jobId);
    } catch (e) {
      reportError(e);
    } finally {
      setUploading(false);
    }
  };

  return {
    job: job as Job<R> | null,
    jobId,
    uploading,
    running: uploading || (!!jobId && (!job || job.status === 'queued' || job.status === 'running')),
    reset,
    beforeUpload,
    customRequest: (o: { file: string | Blob }) => void customRequest(o),
  };
}
