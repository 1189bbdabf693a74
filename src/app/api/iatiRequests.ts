import { z } from 'zod/mini';
import { IatiMessage } from '../../core/iati/importMessages';
import { ErrorBody } from '../../core/sync/errors';
import { ApiError, NetworkError } from './errors';

/**
 * The IATI import page's one request (src/app/pages/IatiImport.tsx): `POST /api/iati/import`, admins only.
 * Apart from client.ts so that it loads with that page only, not with the field agent's start-up JavaScript.
 * The schemas mirror src/server/iati/applyImport.ts's ImportReport. Notes and refusals come as codes with
 * parameters (src/core/iati/importMessages.ts) that the page says in the user's language; any code is
 * accepted, so that a page older than the server shows the server's English message for a code it does not
 * know (src/app/pages/iatiMessages.ts).
 */
const RecordOutcome = z.object({
  tbl: z.string(),
  id: z.string(),
  source: z.string(),
  action: z.enum(['created', 'updated', 'unchanged', 'skipped']),
  updated: z.array(z.string()),
  conflicts: z.array(z.string()),
  notes: z.array(IatiMessage),
});
export type IatiRecordOutcome = z.infer<typeof RecordOutcome>;

const ImportReport = z.object({
  dryRun: z.boolean(),
  records: z.array(RecordOutcome),
  notes: z.array(z.extend(IatiMessage, { activity: z.string() })),
});
export type IatiImportReport = z.infer<typeof ImportReport>;

/**
 * 400 for a file the server could not read: where (no column when the refusal is about a whole element), and
 * why: a code with parameters, and the reason in English (the message of that code).
 */
const Refusal = z.object({
  line: z.number(),
  column: z.nullable(z.number()),
  reason: z.string(),
  code: z.string(),
  params: IatiMessage.shape.params,
});
export type IatiRefusal = z.infer<typeof Refusal>;

export class IatiFileRefused extends Error {
  constructor(readonly refusal: IatiRefusal) {
    super(refusal.reason);
    this.name = 'IatiFileRefused';
  }
}

/** Sends the file as it is (the server reads at most 20 MB); `dryRun` writes nothing and says what would change. */
export async function importIati(token: string, file: File, dryRun: boolean): Promise<IatiImportReport> {
  const query = new URLSearchParams({ dryRun: dryRun ? '1' : '0', file: file.name.slice(0, 255) });
  let response: Response;
  try {
    response = await fetch(`/api/iati/import?${query.toString()}`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/xml',
        Authorization: `Bearer ${token}`,
      },
      body: file,
      credentials: 'omit',
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  const answer: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = ImportReport.safeParse(answer);
    if (!parsed.success) throw new ApiError(200, 'invalid_response', 'Unexpected response from the server');
    return parsed.data;
  }
  const error = ErrorBody.safeParse(answer);
  if (!error.success) throw new ApiError(response.status, `http_${response.status}`, response.statusText);
  const { code, message, details } = error.data.error;
  const refusal = Refusal.safeParse(details);
  if (response.status === 400 && refusal.success) throw new IatiFileRefused(refusal.data);
  throw new ApiError(response.status, code, message, details);
}
