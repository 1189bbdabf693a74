import { SubmissionFields, type Submission } from '../../src/core/records/submission';
import type { ErrorCode } from '../../src/core/sync/errors';
import {
  PullQuery,
  PushRequest,
  type Mutation,
  type MutationResult,
  type PullChange,
  type PullTable,
  type RejectCode,
} from '../../src/core/sync/protocol';

/**
 * What happens to the next request: it goes through (`pass`), is lost before the server sees it, loses its
 * response after the server committed, or gets an HTTP error.
 */
export type Fault =
  | { kind: 'pass' }
  | { kind: 'request_lost' }
  | { kind: 'response_lost' }
  | { kind: 'status'; status: number; code?: ErrorCode; retryAfter?: string };

interface State {
  submissions: Map<string, Submission>;
  rejected: Map<string, Mutation>;
  lastSeq: Map<string, number>;
  changes: Map<string, PullChange>;
  serverSeq: number;
}

/**
 * An in-memory implementation of the push/pull protocol as a `fetch` function, honest to the rules the real
 * server follows: per-client lastSeq updated with the effects, replayed seqs answered `duplicate`, a gap
 * refused with 409 `seq_gap` and the expected seq, permanent refusals answered `rejected` and kept, pull by
 * server sequence with a cursor. Faults are injected per request.
 */
export class FakeServer {
  readonly userId: string;
  token = 'token-ok';
  faults: Fault[] = [];
  /** Every request seen, with whether its body arrived gzipped. */
  readonly requests: { method: string; path: string; gzipped: boolean }[] = [];
  /** How many times each submission id was applied (must never exceed 1). */
  readonly applyCounts = new Map<string, number>();
  /** Permanent refusal for some mutations, like the real server's validation or permission checks. */
  rejectWhen: (mutation: Mutation) => { code: RejectCode; message: string } | null = () => null;
  /** A body limit on the way (a proxy's), in bytes on the wire: larger requests get 413. */
  maxBodyBytes: number | null = null;
  private state: State = {
    submissions: new Map(),
    rejected: new Map(),
    lastSeq: new Map(),
    changes: new Map(),
    serverSeq: 0,
  };

  constructor(userId: string) {
    this.userId = userId;
  }

  get submissions(): ReadonlyMap<string, Submission> {
    return this.state.submissions;
  }

  get rejectedMutations(): ReadonlyMap<string, Mutation> {
    return this.state.rejected;
  }

  lastSeqOf(clientId: string): number {
    return this.state.lastSeq.get(clientId) ?? 0;
  }

  /** A record changed on the server (by an admin or another device), visible on the next pull. */
  putRecord(table: PullTable, id: string, data: Record<string, unknown>): void {
    this.log({ table, id, op: 'put', data });
  }

  deleteRecord(table: PullTable, id: string): void {
    this.log({ table, id, op: 'delete', data: null });
  }

  /** A copy of the whole state, to simulate a restore from backup later. */
  snapshot(): State {
    return {
      submissions: new Map(this.state.submissions),
      rejected: new Map(this.state.rejected),
      lastSeq: new Map(this.state.lastSeq),
      changes: new Map(this.state.changes),
      serverSeq: this.state.serverSeq,
    };
  }

  restore(snapshot: State): void {
    this.state = snapshot;
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://terrain.test');
    const method = init?.method ?? 'GET';
    const headers = new Headers(init?.headers);
    const gzipped = headers.get('Content-Encoding') === 'gzip';
    this.requests.push({ method, path: url.pathname, gzipped });
    const fault = this.faults.shift();
    if (fault?.kind === 'request_lost') throw new TypeError('Failed to fetch');
    if (fault?.kind === 'status') {
      const retryAfter = fault.retryAfter === undefined ? undefined : { 'Retry-After': fault.retryAfter };
      return error(fault.status, fault.code ?? 'internal', `Injected ${fault.status}`, undefined, retryAfter);
    }

    if (
      this.maxBodyBytes !== null &&
      (await new Response(init?.body).arrayBuffer()).byteLength > this.maxBodyBytes
    )
      return error(413, 'payload_too_large', 'Request body too large');
    const response = await this.handle(method, url, headers, init?.body);
    // The server committed; the answer never reaches the device.
    if (fault?.kind === 'response_lost') throw new TypeError('Network connection was lost');
    return response;
  };

  private async handle(method: string, url: URL, headers: Headers, body: BodyInit | null | undefined) {
    if (headers.get('Authorization') !== `Bearer ${this.token}`) {
      return error(401, 'unauthenticated', 'Sign in again');
    }
    if (method === 'POST' && url.pathname === '/api/sync/push') {
      const json = await readBody(body, headers);
      const parsed = PushRequest.safeParse(json);
      if (!parsed.success) return error(400, 'validation', 'Invalid push', parsed.error.issues);
      return this.push(parsed.data);
    }
    if (method === 'GET' && url.pathname === '/api/sync/pull') {
      const query = PullQuery.safeParse(Object.fromEntries(url.searchParams));
      if (!query.success) return error(400, 'validation', 'Invalid pull');
      return this.pull(query.data.cursor, query.data.limit);
    }
    return error(404, 'not_found', 'No such route');
  }

  private push(req: PushRequest): Response {
    let lastSeq = this.lastSeqOf(req.clientId);
    const first = req.mutations[0];
    if (first && first.seq > lastSeq + 1) {
      return error(409, 'seq_gap', `Expected seq ${lastSeq + 1}`, { expectedSeq: lastSeq + 1 });
    }
    const results: MutationResult[] = [];
    for (const sent of req.mutations) {
      // Protocol 3 mutations carry neither: named by (clientId, seq) as the real server does.
      const mutationId = sent.mutationId ?? `${req.clientId}:${sent.seq}`;
      const mutation = { ...sent, mutationId, clientId: req.clientId };
      const { seq } = mutation;
      const echoed = sent.mutationId === undefined ? {} : { mutationId };
      if (seq <= lastSeq) {
        results.push({ ...echoed, seq, status: 'duplicate' });
        continue;
      }
      const refusal = this.refusal(mutation);
      if (refusal) {
        this.state.rejected.set(mutationId, mutation);
        results.push({ ...echoed, seq, status: 'rejected', ...refusal });
      } else {
        const fields = SubmissionFields.parse(mutation.fields);
        const submission: Submission = { ...fields, id: mutation.id, createdBy: this.userId };
        this.state.submissions.set(mutation.id, submission);
        this.applyCounts.set(mutation.id, (this.applyCounts.get(mutation.id) ?? 0) + 1);
        const serverSeq = this.log({ table: 'submissions', id: mutation.id, op: 'put', data: submission });
        results.push({ ...echoed, seq, status: 'applied', serverSeq });
      }
      // The seq advances with the effect, in the same "transaction".
      lastSeq = seq;
      this.state.lastSeq.set(req.clientId, lastSeq);
    }
    return json(200, { lastSeq, results });
  }

  private refusal(mutation: Mutation): { code: RejectCode; message: string } | null {
    if (mutation.table !== 'submissions') return { code: 'unknown_table', message: 'Unknown table' };
    if (mutation.op !== 'put') return { code: 'immutable', message: 'Submissions cannot be deleted' };
    if (!SubmissionFields.safeParse(mutation.fields).success)
      return { code: 'validation', message: 'Invalid fields' };
    if (this.state.submissions.has(mutation.id)) return { code: 'immutable', message: 'Submission exists' };
    return this.rejectWhen(mutation);
  }

  private pull(cursor: number, limit: number): Response {
    const after = [...this.state.changes.values()]
      .filter((change) => change.serverSeq > cursor)
      .sort((a, b) => a.serverSeq - b.serverSeq);
    const changes = after.slice(0, limit);
    const next = changes[changes.length - 1]?.serverSeq ?? cursor;
    return json(200, { changes, cursor: next, hasMore: after.length > limit });
  }

  /** Each record keeps only its latest change, re-numbered: what a reader past the old number must see. */
  private log(change: Omit<PullChange, 'serverSeq'>): number {
    this.state.serverSeq += 1;
    const key = `${change.table}/${change.id}`;
    this.state.changes.delete(key);
    this.state.changes.set(key, { ...change, serverSeq: this.state.serverSeq });
    return this.state.serverSeq;
  }
}

async function readBody(body: BodyInit | null | undefined, headers: Headers): Promise<unknown> {
  let stream = new Response(body).body;
  if (stream && headers.get('Content-Encoding') === 'gzip')
    stream = stream.pipeThrough(new DecompressionStream('gzip'));
  return JSON.parse(await new Response(stream).text()) as unknown;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

function error(
  status: number,
  code: string,
  message: string,
  details?: unknown,
  headers: Record<string, string> = {},
): Response {
  return json(status, { error: { code, message, details } }, headers);
}
