import { z } from 'zod/mini';

/** Every error response of the API has this body, with an HTTP status that matches the code. */
export const ERROR_CODES = {
  bad_request: 400,
  validation: 400,
  unauthenticated: 401,
  token_expired: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  seq_gap: 409,
  conflict: 409,
  /** Media upload: the chunk does not start at the server's offset; `details.offset` says where to resume. */
  offset_mismatch: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  /** A map pack download asked for bytes outside the file; its Content-Range header gives the size. */
  range_not_satisfiable: 416,
  /** Media upload: the bytes received do not hash to the SHA-256 they were sent under; they are discarded. */
  hash_mismatch: 422,
  rate_limited: 429,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.unknown()),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Details of a `seq_gap` error: the client must resend from `expectedSeq`. */
export const SeqGapDetails = z.object({ expectedSeq: z.int().check(z.positive()) });

export { isTransientStatus } from './transient';
