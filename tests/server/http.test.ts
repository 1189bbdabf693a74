import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../src/core/sync/errors';
import { MAX_BODY_BYTES, PushResponse } from '../../src/core/sync/protocol';
import { API_CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY } from '../../src/server/http/headers';
import { backends } from './backends';
import { newClientId, setupServer, submission, type TestServer } from './harness';

const BIG_ASSET = `export const words = ${JSON.stringify('terrain '.repeat(2000))};`;

describe.each(backends)('http on $name', (backend) => {
  let server: TestServer;
  let staticDir: string;
  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'terrain-static-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Terrain</title>');
    writeFileSync(join(staticDir, 'sw.js'), 'self.addEventListener("install", () => {});');
    writeFileSync(join(staticDir, 'assets', 'index-abc123.js'), 'console.log(1);');
    // The build's Brotli copy of an asset (vite.config.ts, brotliCopies).
    writeFileSync(join(staticDir, 'assets', 'big-abc123.js'), BIG_ASSET);
    writeFileSync(join(staticDir, 'assets', 'big-abc123.js.br'), brotliCompressSync(BIG_ASSET));
    server = await setupServer(backend, { staticDir });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  const code = async (res: Response) => ErrorBody.parse(await res.json()).error.code;

  it('reports health', async () => {
    const res = await server.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: backend.name });
  });

  it('sets the security headers, and no-store on the API', async () => {
    for (const path of ['/api/health', '/api/nope', '/', '/sw.js']) {
      const res = await server.request(path);
      const policy = path.startsWith('/api/') ? API_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
      expect(res.headers.get('content-security-policy')).toBe(policy);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect((await server.request('/api/health')).headers.get('cache-control')).toBe('no-store');
    expect((await server.request('/api/me')).headers.get('cache-control')).toBe('no-store');
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(API_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await server.request('/api/nope');
    expect(res.status).toBe(404);
    expect(await code(res)).toBe('not_found');
    const token = await server.login('agent');
    expect((await server.request('/api/sync/push', { method: 'DELETE', token })).status).toBe(404);
  });

  it('serves the PWA with the right caching and an SPA fallback', async () => {
    const index = await server.request('/');
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('Terrain');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect((await server.request('/sw.js')).headers.get('cache-control')).toBe('no-cache');
    const asset = await server.request('/assets/index-abc123.js');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const deep = await server.request('/projects/synergie-nord-gao/forms');
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toContain('text/html');
    expect(deep.headers.get('cache-control')).toBe('no-cache');
    expect((await server.request('/assets/missing-123.js')).status).toBe(404);
  });

  it("sends the build's Brotli copy to browsers that accept it, gzip or plain to others", async () => {
    const br = await server.request('/assets/big-abc123.js', {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toContain('javascript');
    expect(br.headers.get('cache-control')).toContain('immutable');
    expect(br.headers.get('vary')).toContain('Accept-Encoding');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(BIG_ASSET);
    const gzip = await server.request('/assets/big-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    const plain = await server.request('/assets/big-abc123.js', {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(BIG_ASSET);
  });

  it('accepts a gzip request body', async () => {
    const clientId = newClientId();
    const json = JSON.stringify({ clientId, mutations: [submission(clientId, 1)] });
    const res = await server.request('/api/sync/push', {
      token: await server.login('agent'),
      body: gzipSync(json),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(res.status).toBe(200);
    expect(PushResponse.parse(await res.json()).results[0]?.status).toBe('applied');
  });

  it('compresses responses when asked', async () => {
    const token = await server.login('admin');
    const res = await server.request('/api/sync/pull', { token, headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });

  it('refuses bodies over the limit, compressed or not', async () => {
    const token = await server.login('agent');
    const huge = JSON.stringify({
      clientId: newClientId(),
      mutations: [],
      padding: 'x'.repeat(MAX_BODY_BYTES),
    });
    const plain = await server.request('/api/sync/push', {
      token,
      body: huge,
      headers: { 'content-type': 'application/json' },
    });
    expect(plain.status).toBe(413);
    expect(await code(plain)).toBe('payload_too_large');
    const bomb = await server.request('/api/sync/push', {
      token,
      body: gzipSync(huge),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(bomb.status).toBe(413);
    expect(await code(bomb)).toBe('payload_too_large');
  });

  it('refuses malformed JSON, other media types and bad gzip', async () => {
    const token = await server.login('agent');
    const malformed = await server.request('/api/sync/push', {
      token,
      body: '{"clientId": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(await code(malformed)).toBe('bad_request');
    const text = await server.request('/api/sync/push', {
      token,
      body: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    const badGzip = await server.request('/api/sync/push', {
      token,
      body: 'not gzip at all',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(badGzip.status).toBe(400);
  });
});
