import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod/mini';
import { ERROR_CODES, type ErrorBody, type ErrorCode } from '../../core/sync/errors';
import '../zodLocale';
import type { AppEnv } from './env';

/** Thrown anywhere in a request; the app turns it into the JSON error body with the code's status. */
export class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export function jsonError(c: Context, code: ErrorCode, message: string, details?: unknown): Response {
  return c.json(errorBody(code, message, details), ERROR_CODES[code] as ContentfulStatusCode);
}

/** zod issues as plain JSON a client can show next to its fields. */
export function issuesOf(
  error: z.core.$ZodError,
): { path: (string | number)[]; code: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    code: issue.code,
    message: issue.message,
  }));
}

export function handleError(err: unknown, c: Context): Response {
  if (err instanceof HttpError) return jsonError(c, err.code, err.message, err.details);
  // The stack goes to the operator's log only; the client learns nothing about the internals.
  const log = (c as Context<AppEnv>).var.log;
  if (log)
    log.error('unhandled error', {
      reqId: (c as Context<AppEnv>).var.reqId,
      method: c.req.method,
      path: c.req.path,
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    });
  else
    console.error(
      `Unhandled error on ${c.req.method} ${c.req.path}:`,
      err instanceof Error ? err.stack : err,
    );
  return jsonError(c, 'internal', 'Internal server error');
}
