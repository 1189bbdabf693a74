import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../src/app/api/client';
import { ApiError, NetworkError } from '../../../src/app/api/errors';
import { parseRetryAfter } from '../../../src/app/api/retryAfter';
import { PROTOCOL_VERSION } from '../../../src/core/sync/protocol';

interface Captured {
  url: string;
  headers: Headers;
  body: string | null;
}

/** A fetch that records the request (decompressing a gzipped body) and answers with `respond`. */
function recordingFetch(respond: () => Response) {
  const seen: Captured[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    let body: string | null = null;
    if (init?.body) {
      let stream = new Response(init.body).body!;
      if (headers.get('Content-Encoding') === 'gzip')
        stream = stream.pipeThrough(new DecompressionStream('gzip'));
      body = await new Response(stream).text();
    }
    seen.push({ url: input instanceof Request ? input.url : String(input), headers, body });
    return respond();
  };
  return { seen, fetchFn };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const user = { id: 'u1', username: 'amadou', displayName: 'Amadou', role: 'agent', organisationId: null };

describe('api client', () => {
  it('sends the bearer token and validates responses', async () => {
    const { seen, fetchFn } = recordingFetch(() => json(200, { user, projects: ['p-gao'] }));
    const api = createApiClient({
      baseUrl: 'https://terrain.example/',
      fetch: fetchFn,
      getToken: () => 'abc',
    });
    expect(await api.me()).toEqual({ user, projects: ['p-gao'] });
    expect(seen[0]?.url).toBe('https://terrain.example/api/me');
    expect(seen[0]?.headers.get('Authorization')).toBe('Bearer abc');
  });

  it('gzips bodies above 1 KB and not small ones', async () => {
    const { seen, fetchFn } = recordingFetch(() => json(200, { lastSeq: 1, results: [] }));
    const api = createApiClient({ fetch: fetchFn, getToken: () => null });
    const mutation = (note: string) => ({
      mutationId: crypto.randomUUID(),
      clientId: 'client-123',
      seq: 1,
      hlc: '001709283600000:00000:client-123',
      table: 'submissions',
      id: 's1',
      op: 'put' as const,
      fields: { note },
    });
    await api.push({ protocol: PROTOCOL_VERSION, clientId: 'client-123', mutations: [mutation('short')] });
    await api.push({
      protocol: PROTOCOL_VERSION,
      clientId: 'client-123',
      mutations: [mutation('x'.repeat(5000))],
    });
    expect(seen[0]?.headers.get('Content-Encoding')).toBeNull();
    expect(seen[0]?.headers.get('Authorization')).toBeNull();
    expect(seen[1]?.headers.get('Content-Encoding')).toBe('gzip');
    expect(JSON.parse(seen[1]!.body!)).toMatchObject({
      clientId: 'client-123',
      mutations: [{ fields: { note: 'x'.repeat(5000) } }],
    });
  });

  it('builds the pull query', async () => {
    const { seen, fetchFn } = recordingFetch(() => json(200, { changes: [], cursor: 5, hasMore: false }));
    const api = createApiClient({ fetch: fetchFn, getToken: () => 't' });
    expect(await api.pull(5, 500)).toEqual({ changes: [], cursor: 5, hasMore: false });
    expect(seen[0]?.url).toBe('/api/sync/pull?cursor=5&limit=500&protocol=4&scope=0&formKeys=project');
    await api.pull(5, 500, 42);
    expect(seen[1]?.url).toBe('/api/sync/pull?cursor=5&limit=500&protocol=4&scope=42&formKeys=project');
  });

  it('expands compact pulled changes (protocol 3) and refuses one that names no record', async () => {
    const data = { id: 's1', x: 1 };
    const page = (changes: unknown[]) => json(200, { changes, cursor: 9, hasMore: false });
    const compact = createApiClient({
      fetch: recordingFetch(() => page([{ table: 'submissions', serverSeq: 9, data }])).fetchFn,
      getToken: () => 't',
    });
    expect((await compact.pull(0, 500)).changes).toEqual([
      { table: 'submissions', id: 's1', serverSeq: 9, op: 'put', data },
    ]);
    const nameless = createApiClient({
      fetch: recordingFetch(() => page([{ table: 'submissions', serverSeq: 9, data: { x: 1 } }])).fetchFn,
      getToken: () => 't',
    });
    await expect(nameless.pull(0, 500)).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('turns error bodies into ApiError with Retry-After', async () => {
    const { fetchFn } = recordingFetch(() =>
      json(
        409,
        { error: { code: 'seq_gap', message: 'Expected 4', details: { expectedSeq: 4 } } },
        { 'Retry-After': '7' },
      ),
    );
    const api = createApiClient({ fetch: fetchFn, getToken: () => 't' });
    const error = await api.pull(0, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      code: 'seq_gap',
      details: { expectedSeq: 4 },
      retryAfterMs: 7000,
      transient: false,
    });
  });

  it('survives an error page that is not JSON', async () => {
    const { fetchFn } = recordingFetch(
      () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    const api = createApiClient({ fetch: fetchFn, getToken: () => 't' });
    await expect(api.me()).rejects.toMatchObject({ status: 502, code: 'http_502', transient: true });
  });

  it('refuses a 2xx body that breaks the protocol', async () => {
    const { fetchFn } = recordingFetch(() => json(200, { changes: 'nope' }));
    const api = createApiClient({ fetch: fetchFn, getToken: () => 't' });
    await expect(api.pull(0, 10)).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('turns a failed fetch into NetworkError', async () => {
    const api = createApiClient({
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      getToken: () => 't',
    });
    await expect(api.logout()).rejects.toBeInstanceOf(NetworkError);
  });

  it('sends an export file as it is to the import route, and reads the answer or the refusal', async () => {
    const answer = {
      userId: 'u1',
      clientId: 'client-123',
      total: 1,
      applied: 1,
      duplicate: 0,
      rejected: 0,
      conflict: 0,
      results: [{ seq: 1, status: 'applied', serverSeq: 7 }],
      drafts: 0,
      media: { listed: 0, withBytes: 0, stored: 0 },
    };
    const ok = recordingFetch(() => json(200, answer));
    const api = createApiClient({
      baseUrl: 'https://terrain.example',
      fetch: ok.fetchFn,
      getToken: () => 't',
    });
    expect(await api.importFile(new Blob(['{"format":"terrain-unsynced"}']))).toEqual(answer);
    expect(ok.seen[0]).toMatchObject({
      url: 'https://terrain.example/api/sync/import',
      body: '{"format":"terrain-unsynced"}',
    });
    expect(ok.seen[0]?.headers.get('Authorization')).toBe('Bearer t');
    expect(ok.seen[0]?.headers.get('Content-Encoding')).toBeNull();

    const refused = recordingFetch(() =>
      json(409, { error: { code: 'seq_gap', message: 'Expected seq 1', details: { expectedSeq: 1 } } }),
    );
    const refusing = createApiClient({ fetch: refused.fetchFn, getToken: () => 't' });
    await expect(refusing.importFile(new Blob(['{}']))).rejects.toMatchObject({
      status: 409,
      code: 'seq_gap',
    });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-03-01T09:00:00.000Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Fri, 01 Mar 2024 09:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 01 Mar 2024 08:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
