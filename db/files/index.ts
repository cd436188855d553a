import { z } from 'zod';
import { defineOp } from '../api/op.js';
import { beginUpload, CHUNK_BASE64, discardFile, downloadChunk, finishUpload, uploadChunk } from './files.js';

/**
 * Files in and out, chunk by chunk, through the ordinary registry (so both hosts carry them).
 * They touch the data folder, not the store: withoutStore, so an upload continues while a
 * job holds the connection. The size limit is checked in beginUpload, with a message that
 * names the file and the limit (a zod refusal would only say "too large").
 */
const id = z.string().uuid();

export const fileOps = {
  'files.beginUpload': defineOp({
    input: z.object({
      name: z.string().trim().min(1).max(200),
      size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      type: z.string().max(200).default(''),
    }),
    access: 'signed-in',
    withoutStore: true,
    run: (ctx, i) => beginUpload(ctx, i),
  }),

  'files.uploadChunk': defineOp({
    input: z.object({
      uploadId: id,
      index: z.number().int().min(0).max(10_000),
      data: z.string().max(CHUNK_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
    }),
    access: 'signed-in',
    withoutStore: true,
    run: (ctx, i) => uploadChunk(ctx, i),
  }),

  'files.finishUpload': defineOp({
    input: z.object({ uploadId: id, sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'SHA-256 hex') }),
    access: 'signed-in',
    withoutStore: true,
    run: (ctx, i) => finishUpload(ctx, i),
  }),

  'files.downloadChunk': defineOp({
    input: z.object({ fileId: id, index: z.number().int().min(0).max(10_000) }),
    access: 'signed-in',
    withoutStore: true,
    run: (ctx, i) => downloadChunk(ctx, i),
  }),

  'files.discard': defineOp({
    input: z.object({ id }),
    access: 'signed-in',
    withoutStore: true,
    run: (ctx, i) => discardFile(ctx, i.id),
  }),
};
