import { z } from 'zod';
import { defineOp } from '../api/op.js';
import { cancelJob, jobStatus } from './jobs.js';

/** Progress and cancel for long work. Answered from memory, so they answer while a job writes. */
const jobId = z.string().uuid();

export const jobOps = {
  'jobs.status': defineOp({
    input: z.object({ jobId }),
    access: 'signed-in',
    withoutStore: true,
    run: async (ctx, i) => jobStatus(ctx, i.jobId),
  }),

  'jobs.cancel': defineOp({
    input: z.object({ jobId }),
    access: 'signed-in',
    withoutStore: true,
    run: async (ctx, i) => cancelJob(ctx, i.jobId),
  }),
};
