import { z } from 'zod/mini';
import { ErrorBody } from '../../core/sync/errors';
import {
  FormArchiveResponse,
  FormCheckResponse,
  FormIssue,
  FormPublishResponse,
} from '../../core/sync/formAdmin';
import { ApiError, NetworkError } from './errors';

/**
 * The Forms page's requests (src/app/pages/FormsPage.tsx): check, publish and archive a form. Apart from
 * client.ts so that they load with that page only, not with the field agent's start-up JavaScript. The
 * server answers the form's problems in `lang` (Accept-Language): the interface's language, whatever the
 * browser's.
 */
export interface FormRequestContext {
  token: string;
  lang: string;
  baseUrl?: string;
}

/** The files of one upload: the XLSForm and what its questions name (CSV choices, images…). */
export interface FormFiles {
  form: File;
  attachments: readonly File[];
}

/** 422: the form has problems; every one, by sheet, row and column, in the interface's language. */
export class FormProblemsError extends Error {
  constructor(
    message: string,
    readonly issues: FormIssue[],
  ) {
    super(message);
    this.name = 'FormProblemsError';
  }
}

const ProblemDetails = z.object({ issues: z.array(FormIssue) });

async function call(ctx: FormRequestContext, path: string, body: BodyInit, json = false): Promise<unknown> {
  const headers = new Headers({
    Accept: 'application/json',
    'Accept-Language': ctx.lang,
    Authorization: `Bearer ${ctx.token}`,
  });
  if (json) headers.set('Content-Type', 'application/json');
  let response: Response;
  try {
    response = await fetch(`${ctx.baseUrl ?? ''}/api/projects/${path}`, {
      method: 'POST',
      headers,
      body,
      credentials: 'omit',
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  const answer: unknown = await response.json().catch(() => null);
  if (response.ok) return answer;
  const parsed = ErrorBody.safeParse(answer);
  if (!parsed.success) throw new ApiError(response.status, `http_${response.status}`, response.statusText);
  const { code, message, details } = parsed.data.error;
  const problems = ProblemDetails.safeParse(details);
  if (response.status === 422 && problems.success) throw new FormProblemsError(message, problems.data.issues);
  throw new ApiError(response.status, code, message, details);
}

function upload(files: FormFiles): FormData {
  const body = new FormData();
  body.append('file', files.form);
  for (const file of files.attachments) body.append('media', file);
  return body;
}

function checked<S extends z.ZodMiniType>(schema: S, answer: unknown): z.infer<S> {
  const parsed = schema.safeParse(answer);
  if (!parsed.success) throw new ApiError(200, 'invalid_response', 'Unexpected response from the server');
  return parsed.data;
}

const projectPath = (projectId: string) => encodeURIComponent(projectId);

/** Converts the form as publishing would, storing nothing: its definition to preview, or its problems. */
export async function checkForm(ctx: FormRequestContext, projectId: string, files: FormFiles) {
  const answer = await call(ctx, `${projectPath(projectId)}/forms/check`, upload(files));
  return checked(FormCheckResponse, answer);
}

export async function publishForm(ctx: FormRequestContext, projectId: string, files: FormFiles) {
  return checked(FormPublishResponse, await call(ctx, `${projectPath(projectId)}/forms`, upload(files)));
}

export async function archiveForm(
  ctx: FormRequestContext,
  projectId: string,
  formId: string,
  archived: boolean,
) {
  const path = `${projectPath(projectId)}/forms/${encodeURIComponent(formId)}/archive`;
  return checked(FormArchiveResponse, await call(ctx, path, JSON.stringify({ archived }), true));
}
