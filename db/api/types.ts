import type { z } from 'zod';
import type { ApiError } from '../errors.js';
import type { operations } from './operations.js';

/**
 * The contract the renderer compiles against. Input and output types come from the
 * registry itself, so renaming a field breaks the build rather than the desk.
 */
export type Operations = typeof operations;
export type OpName = keyof Operations;
export type OpInput<N extends OpName> = z.input<Operations[N]['input']>;
export type OpOutput<N extends OpName> = Awaited<ReturnType<Operations[N]['run']>>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export type { ApiError };
export type { Permission } from '../auth/permissions.js';
export type { Role } from '../store/schema.js';
export type { Locale } from '../i18n/errors.js';
