import { useEffect, useState } from 'react';
import { rosterApi } from '../api/roster';
import type { Job } from '../api/types';

const INTERVAL_MS = 500;

/** Polls `GET /api/v1/jobs/:id` every 500 ms until the job has failed or succeeded. */
export function useJobPoll(jobId: string | null): { job: Job | null; error: unknown } {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setJob(null);
    setError(null);
    if (!jobId) return;
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const tick = async () => {
      try {
        const j = await rosterApi.job(jobId, ctrl.signal);
        if (ctrl.signal.aborted) return;
        setJob(j);
        if (j.status === 'queued' || j.status === 'running') timer = setTimeout(() => void tick(), INTERVAL_MS);
      } catch (e) {
        if (!ctrl.signal.aborted) setError(e);
      }
    };
    void tick();
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [jobId]);

  return { job, error };
}
