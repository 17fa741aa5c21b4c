import { randomUUID } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { failJob, HEARTBEAT_MS, jobFailure, touchJobs } from './jobs.js';
import { JOB_MESSAGES } from './messages.js';

/**
 * Job lifecycle events (ids and places only, never content) for metrics and tests. Publishing costs
 * nothing when no one subscribes.
 */
export const jobChannel = diagnostics.channel('yuxin:job');
export interface JobEvent {
  event: 'enqueued' | 'started' | 'finished';
  id: string;
  kind: string;
  schoolId: string | null;
}

interface Queued {
  id: string;
  kind: string;
  schoolId: string | null;
  run: () => Promise<void>;
  log: FastifyBaseLogger;
}

/**
 * Runs this process's jobs one at a time. One at a time because imports of the same city contend for the
 * same rows anyway, and on PGlite every transaction already takes the single session in turn.
 */
export class JobRunner {
  private readonly queue: Queued[] = [];
  private current: { job: Queued; done: Promise<void> } | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private closing = false;

  /** This process on its node: written on the jobs it creates (jobs.ts, failInterruptedJobs). */
  readonly owner: string;

  constructor(
    private readonly db: Kysely<Database>,
    readonly node = hostname(),
  ) {
    this.owner = `${node}/${randomUUID()}`;
  }

  enqueue(job: Queued) {
    if (this.closing) throw new Error('job runner is closing');
    this.queue.push(job);
    publish('enqueued', job);
    this.startHeartbeat();
    this.next();
  }

  isLive(id: string): boolean {
    return this.current?.job.id === id || this.queue.some((j) => j.id === id);
  }

  /** On shutdown: the running job finishes, queued ones are failed so their uploaders can retry. */
  async close() {
    this.closing = true;
    const waiting = this.queue.splice(0);
    for (const job of waiting) {
      await failJob(this.db, job.id, [jobFailure(JOB_MESSAGES.interrupted)]).catch((err: unknown) =>
        job.log.error({ err, jobId: job.id }, 'could not fail queued job'),
      );
    }
    await this.current?.done;
    this.stopHeartbeat();
  }

  private next() {
    if (this.current) return;
    const job = this.queue.shift();
    if (!job) {
      this.stopHeartbeat();
      return;
    }
    publish('started', job);
    const done = job
      .run()
      .catch(async (err: unknown) => {
        job.log.error({ err, jobId: job.id, kind: job.kind }, 'job failed unexpectedly');
        await failJob(this.db, job.id, [jobFailure(JOB_MESSAGES.internal, { jobId: job.id })]).catch(() => undefined);
      })
      .finally(() => {
        publish('finished', job);
        this.current = null;
        this.next();
      });
    this.current = { job, done };
  }

  private startHeartbeat() {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      const ids = [this.current?.job.id, ...this.queue.map((j) => j.id)].filter((x): x is string => !!x);
      // Not awaited: on PGlite it waits behind a running transaction, which is fine for a heartbeat.
      touchJobs(this.db, ids).catch(() => undefined);
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private stopHeartbeat() {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }
}

function publish(event: JobEvent['event'], job: Queued) {
  if (jobChannel.hasSubscribers)
    jobChannel.publish({ event, id: job.id, kind: job.kind, schoolId: job.schoolId } satisfies JobEvent);
}

const runners = new WeakMap<Kysely<Database>, JobRunner>();

/**
 * The runner of the app using this database: route modules that start jobs and read them share it. The
 * app names its node (Config.nodeId) first thing when it is built, before any route asks; a runner made
 * without one uses the host name.
 */
export function jobRunnerFor(db: Kysely<Database>, node?: string): JobRunner {
  let runner = runners.get(db);
  if (!runner) {
    runner = new JobRunner(db, node);
    runners.set(db, runner);
  }
  return runner;
}
