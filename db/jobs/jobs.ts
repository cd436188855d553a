import type { Transaction } from 'kysely';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { OpContext } from '../api/op.js';
import { requireSession } from '../api/op.js';
import { AppError, storeFailure, type ApiError } from '../errors.js';
import { uuidv7 } from '../ids.js';
import { beginWrite, endWrite, type Store } from '../store/open.js';
import type { Schema } from '../store/schema.js';

/**
 * Long work (reading a workbook, checking 20,000 rows, writing them, exporting) runs as a
 * job: the operation that starts it returns a job id at once, and the desk asks for
 * progress with jobs.status and may stop it with jobs.cancel.
 *
 * Job state lives in memory, not in the store: the store has one connection, and a job
 * that writes holds it (one transaction) for seconds. jobs.status and jobs.cancel are
 * withoutStore operations, so they answer while that transaction is open; the job yields
 * to the event loop between chunks (checkpoint) so those answers are not starved. A
 * cancel is noticed at the next checkpoint, which throws: inside a transaction that rolls
 * everything back, so a cancelled import leaves nothing half-written.
 */
export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobStatus {
  jobId: string;
  kind: string;
  state: JobState;
  /** what the job is doing now, for the progress text (reading, checking, writing…) */
  phase: string;
  done: number;
  total: number;
  result?: unknown;
  error?: ApiError;
}

export interface JobControl {
  readonly jobId: string;
  /** the session that started the job (uploads and downloads it makes belong to it) */
  readonly owner: string;
  progress(done: number, total?: number, phase?: string): void;
  /** Yield to the event loop (status calls answer meanwhile); throws if cancel was asked. */
  checkpoint(): Promise<void>;
  readonly cancelRequested: boolean;
}

interface Job extends JobStatus {
  owner: string;
  /** told of each progress report (tests and the bench wait on them instead of polling a clock) */
  watchers: Set<() => void>;
  cancelRequested: boolean;
  finishedMs: number | null;
  finished: Promise<void>;
}

class JobCancelled extends Error {
  constructor() {
    super('job cancelled');
  }
}

interface Jobs {
  all: Map<string, Job>;
  closing: boolean;
}

const registry = new WeakMap<Store, Jobs>();
/** a session may run this many jobs at once (the desk runs one; the limit stops a runaway caller) */
const MAX_RUNNING_PER_SESSION = 2;
/** finished jobs are forgotten after this long (their results were fetched long before) */
const KEEP_FINISHED_MS = 60 * 60_000;

function jobsOf(store: Store): Jobs {
  let j = registry.get(store);
  if (!j) {
    j = { all: new Map(), closing: false };
    registry.set(store, j);
  }
  return j;
}

function prune(jobs: Jobs): void {
  const now = Date.now();
  for (const [id, j] of jobs.all) if (j.finishedMs !== null && now - j.finishedMs > KEEP_FINISHED_MS) jobs.all.delete(id);
}

/**
 * Start `work` as a job owned by the caller's session. It begins after the current
 * operation's transaction has committed (its first store query waits for the connection).
 */
export function startJob<R>(ctx: OpContext, kind: string, work: (job: JobControl) => Promise<R>): { jobId: string } {
  const session = requireSession(ctx);
  const jobs = jobsOf(ctx.store);
  prune(jobs);
  if (jobs.closing) throw new AppError('jobs.busy');
  const running = [...jobs.all.values()].filter((j) => j.owner === session.token && j.state === 'running').length;
  if (running >= MAX_RUNNING_PER_SESSION) throw new AppError('jobs.busy');

  const job: Job = {
    jobId: uuidv7(),
    kind,
    state: 'running',
    phase: 'queued',
    done: 0,
    total: 0,
    owner: session.token,
    cancelRequested: false,
    finishedMs: null,
    finished: Promise.resolve(),
    watchers: new Set(),
  };
  const control: JobControl = {
    jobId: job.jobId,
    owner: job.owner,
    progress(done, total, phase) {
      job.done = done;
      if (total !== undefined) job.total = total;
      if (phase !== undefined) job.phase = phase;
      for (const w of job.watchers) w();
    },
    async checkpoint() {
      await yieldToLoop();
      if (job.cancelRequested) throw new JobCancelled();
    },
    get cancelRequested() {
      return job.cancelRequested;
    },
  };
  jobs.all.set(job.jobId, job);
  job.finished = (async () => {
    await yieldToLoop(); // let the starting operation's transaction commit first
    try {
      if (job.cancelRequested) throw new JobCancelled();
      job.result = await work(control);
      job.state = 'done';
      job.phase = 'done';
    } catch (e) {
      if (e instanceof JobCancelled || (job.cancelRequested && !(e instanceof AppError))) {
        job.state = 'cancelled';
      } else if (e instanceof AppError) {
        job.state = 'failed';
        job.error = e.toApiError();
      } else if (storeFailure(e)) {
        job.state = 'failed';
        job.error = storeFailure(e)!.toApiError();
      } else {
        console.error(`[front-desk] job ${kind} failed:`, e);
        job.state = 'failed';
        job.error = new AppError('api.internal').toApiError();
      }
    } finally {
      job.finishedMs = Date.now();
    }
  })();
  return { jobId: job.jobId };
}

function ownJob(ctx: OpContext, jobId: string): Job {
  const session = requireSession(ctx);
  const job = jobsOf(ctx.store).all.get(jobId);
  // Another session's job is as invisible as one that never existed.
  if (!job || job.owner !== session.token) throw new AppError('jobs.not_found');
  return job;
}

export function jobStatus(ctx: OpContext, jobId: string): JobStatus {
  const j = ownJob(ctx, jobId);
  const out: JobStatus = { jobId: j.jobId, kind: j.kind, state: j.state, phase: j.phase, done: j.done, total: j.total };
  if (j.state === 'done') out.result = j.result;
  if (j.error) out.error = j.error;
  return out;
}

/** Ask a job to stop; it stops at its next checkpoint. A finished job stays as it was. */
export function cancelJob(ctx: OpContext, jobId: string): JobStatus {
  const j = ownJob(ctx, jobId);
  if (j.state === 'running') j.cancelRequested = true;
  return jobStatus(ctx, jobId);
}

/** Wait for a job to finish (tests and the bench; the desk polls jobs.status instead). */
export async function jobFinished(store: Store, jobId: string): Promise<void> {
  await jobsOf(store).all.get(jobId)?.finished;
}

/**
 * Wait until a job's progress satisfies `reached`, or it ends (tests and the bench: they
 * follow the job's own reports, not a clock, so a busy machine changes nothing). Answers
 * the status at that moment; the job is still inside the same step when the caller runs.
 */
export function jobReached(store: Store, jobId: string, reached: (s: JobStatus) => boolean): Promise<JobStatus> {
  const job = jobsOf(store).all.get(jobId);
  if (!job) return Promise.reject(new Error(`no job ${jobId}`));
  const status = (): JobStatus => ({ jobId, kind: job.kind, state: job.state, phase: job.phase, done: job.done, total: job.total });
  return new Promise((resolve) => {
    const check = () => {
      if (!reached(status())) return;
      job.watchers.delete(check);
      resolve(status());
    };
    job.watchers.add(check);
    void job.finished.then(() => {
      job.watchers.delete(check);
      resolve(status());
    });
    check();
  });
}

/** Cancel every running job and wait for them: the store is about to close. */
export async function stopJobs(store: Store): Promise<void> {
  const jobs = jobsOf(store);
  jobs.closing = true;
  for (const j of jobs.all.values()) if (j.state === 'running') j.cancelRequested = true;
  await Promise.all([...jobs.all.values()].map((j) => j.finished));
}

/**
 * One transaction for a job's writes, stamped on the change log with who started it and
 * through which operation, exactly like an operation's own transaction.
 */
export async function inJobTransaction<R>(store: Store, actorId: string, operation: string, fn: (trx: Transaction<Schema>) => Promise<R>): Promise<R> {
  return store.db.transaction().execute(async (trx) => {
    beginWrite(store, actorId, operation);
    try {
      return await fn(trx);
    } finally {
      endWrite(store);
    }
  });
}
