import { X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/main';
import { TlsConfigError, tlsFromEnv } from '../../../src/server/tls/config';
import { HSTS } from '../../../src/server/tls/hsts';
import { tlsInit } from '../../../src/server/tls/init';
import { get } from './request';

const PASSWORD = 'demo-password-42';

// The demo seed's message on each start.
beforeAll(() => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  return () => vi.restoreAllMocks();
});

describe('the server over HTTPS with the local authority', () => {
  let root: string;
  let dataDir: string;
  let server: RunningServer;
  let ca: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'terrain-https-'));
    dataDir = join(root, 'data');
    await tlsInit({ dir: join(dataDir, 'tls'), hosts: ['base.local'] });
    ca = readFileSync(join(dataDir, 'tls', 'ca.pem'), 'utf8');
    const tls = tlsFromEnv({ HTTP_PORT: '0' }, dataDir);
    expect(tls?.caCert).toBe(ca);
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, demoPassword: PASSWORD, tls });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const https = (path: string, headers?: Record<string, string>) =>
    get(`https://localhost:${server.port}${path}`, { ca, headers });
  const http = (path: string, headers?: Record<string, string>) =>
    get(`http://localhost:${server.httpPort}${path}`, { headers });

  it('serves the API over HTTPS with Strict-Transport-Security', async () => {
    expect(server.url).toBe(`https://127.0.0.1:${server.port}`);
    const health = await https('/api/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body.toString())).toMatchObject({ status: 'ok' });
    expect(health.headers['strict-transport-security']).toBe(HSTS);
  });

  it('redirects plain HTTP to the same path over HTTPS, without HSTS', async () => {
    expect(server.httpPort).toBeGreaterThan(0);
    const answer = await http('/surveys?x=1');
    expect(answer.status).toBe(308);
    expect(answer.headers.location).toBe(`https://localhost:${server.port}/surveys?x=1`);
    expect(answer.headers['strict-transport-security']).toBeUndefined();
    // A path that looks like another host stays a path of this one.
    const sneaky = await http('//evil.example/x');
    expect(new URL(sneaky.headers.location ?? '').host).toBe(`localhost:${server.port}`);
    // The API too: a push sent to HTTP must not be answered in clear.
    expect((await http('/api/health')).status).toBe(308);
  });

  it('serves the authority’s certificate at /ca.crt over HTTPS and HTTP, as DER to install', async () => {
    const der = new X509Certificate(ca).raw;
    for (const answer of [await https('/ca.crt'), await http('/ca.crt')]) {
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('application/x-x509-ca-cert');
      expect(answer.headers['content-disposition']).toContain('terrain-ca.crt');
      expect(answer.body.equals(der)).toBe(true);
    }
  });

  it('never serves the authority’s private key', async () => {
    const keyPem = readFileSync(join(dataDir, 'tls', 'ca-key.pem'), 'utf8');
    const keyBase64 = keyPem
      .split('\n')
      .filter((l) => l && !l.startsWith('-----'))
      .join('');
    const paths = ['/ca', '/ca.crt', '/ca-key.pem', '/tls/ca-key.pem', '/data/tls/ca-key.pem', '/ca.pem'];
    for (const path of paths)
      for (const answer of [await https(path), await http(path)]) {
        const text = answer.body.toString('latin1');
        expect(text, path).not.toContain('PRIVATE KEY');
        expect(text, path).not.toContain(keyBase64.slice(0, 40));
        expect(answer.body.includes(Buffer.from(keyBase64, 'base64').subarray(7, 39)), path).toBe(false);
      }
  });

  it('explains how to install it, in the tablet’s language, with the strict policy', async () => {
    const fr = await https('/ca', { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8' });
    expect(fr.status).toBe(200);
    expect(fr.headers['content-type']).toMatch(/^text\/html/);
    expect(fr.headers['content-security-policy']).toContain("script-src 'self'");
    const html = fr.body.toString();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Chiffrement et identifiants');
    expect(html.replaceAll('<wbr>', '')).toContain(new X509Certificate(ca).fingerprint256);
    expect(html).toContain(`https://localhost:${server.port}/`);
    expect(html).not.toContain('<script');
    const en = await http('/ca', { 'accept-language': 'en-GB' });
    expect(en.body.toString()).toContain('<html lang="en">');
    expect(en.body.toString()).toContain('Encryption &amp; credentials');
    // From the plain listener, the page sends the tablet on to HTTPS.
    expect(en.body.toString()).toContain(`https://localhost:${server.port}/`);
    const chosen = await http('/ca?lang=fr', { 'accept-language': 'en' });
    expect(chosen.body.toString()).toContain('<html lang="fr">');
  });

  it('escapes the address the page shows', async () => {
    const answer = await http('/ca', { host: 'a"b<c>:1' });
    expect(answer.body.toString()).not.toContain('"b<c>');
  });
});

describe('HSTS without TLS on the server', () => {
  let root: string;
  const servers: RunningServer[] = [];
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'terrain-hsts-'));
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function plain(trustProxy: boolean) {
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(root, String(trustProxy)),
      demoPassword: PASSWORD,
      trustProxy,
    });
    servers.push(server);
    return server;
  }

  it('is absent over plain HTTP, whatever a client claims', async () => {
    const server = await plain(false);
    expect((await get(`${server.url}/api/health`)).headers['strict-transport-security']).toBeUndefined();
    const claimed = await get(`${server.url}/api/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(claimed.headers['strict-transport-security']).toBeUndefined();
    expect((await get(`${server.url}/ca.crt`)).status).toBe(404);
  });

  it('is sent behind a trusted proxy that says the browser used HTTPS', async () => {
    const server = await plain(true);
    const viaHttps = await get(`${server.url}/api/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(viaHttps.headers['strict-transport-security']).toBe(HSTS);
    const viaHttp = await get(`${server.url}/api/health`, { headers: { 'x-forwarded-proto': 'http' } });
    expect(viaHttp.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('HTTPS settings from the environment', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'terrain-tlsenv-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** An operator's own certificate (here self-signed). */
  function ownCertificate(): { cert: string; key: string } {
    const cert = join(root, 'own.pem');
    const key = join(root, 'own-key.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'].concat([
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '30',
        '-subj',
        '/CN=terrain.example.org',
      ]),
      { stdio: 'ignore' },
    );
    return { cert, key };
  }

  it('is plain HTTP with nothing set, and refuses half a setting', () => {
    const dataDir = join(root, 'empty');
    expect(tlsFromEnv({}, dataDir)).toBeUndefined();
    expect(() => tlsFromEnv({ TLS_CERT: '/x.pem' }, dataDir)).toThrow(TlsConfigError);
    expect(() => tlsFromEnv({ HTTP_PORT: '8080' }, dataDir)).toThrow(/HTTP_PORT/);
    expect(() => tlsFromEnv({ TLS_CERT: '/nonexistent.pem', TLS_KEY: '/nonexistent.pem' }, dataDir)).toThrow(
      /cannot read/,
    );
  });

  it('prefers TLS_CERT and TLS_KEY to tls init’s files, and offers no local authority then', async () => {
    const dataDir = join(root, 'both');
    await tlsInit({ dir: join(dataDir, 'tls'), hosts: ['10.1.1.1'] });
    const own = ownCertificate();
    const tls = tlsFromEnv({ TLS_CERT: own.cert, TLS_KEY: own.key, HTTP_PORT: '8080' }, dataDir);
    expect(tls?.cert).toBe(readFileSync(own.cert, 'utf8'));
    expect(tls?.caCert).toBeUndefined();
    expect(tls?.httpPort).toBe(8080);
    const local = tlsFromEnv({}, dataDir);
    expect(local?.source).toBe(join(dataDir, 'tls', 'server.pem'));
    expect(local?.caCert).toBe(readFileSync(join(dataDir, 'tls', 'ca.pem'), 'utf8'));
    expect(local?.httpPort).toBeUndefined();
  });

  it('refuses a key that is not the certificate’s, or not a key', async () => {
    const dataDir = join(root, 'mismatch');
    await tlsInit({ dir: join(dataDir, 'tls'), hosts: ['10.1.1.2'] });
    const own = ownCertificate();
    const local = join(dataDir, 'tls');
    expect(() => tlsFromEnv({ TLS_CERT: own.cert, TLS_KEY: join(local, 'server-key.pem') }, dataDir)).toThrow(
      /does not belong/,
    );
    expect(() => tlsFromEnv({ TLS_CERT: own.cert, TLS_KEY: join(local, 'ca.pem') }, dataDir)).toThrow(
      /not a PEM private key/,
    );
    expect(() => tlsFromEnv({ TLS_CERT: own.key, TLS_KEY: own.key }, dataDir)).toThrow(
      /not a PEM certificate/,
    );
  });

  it('serves an operator’s own certificate', async () => {
    const own = ownCertificate();
    const tls = tlsFromEnv({ TLS_CERT: own.cert, TLS_KEY: own.key }, join(root, 'own'));
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(root, 'own'),
      demoPassword: PASSWORD,
      tls,
    });
    try {
      // Node's client checks the certificate against the Host header's name, as a browser checks its address.
      const options = { ca: readFileSync(own.cert), headers: { host: 'terrain.example.org' } };
      const answer = await get(`https://127.0.0.1:${server.port}/api/health`, options);
      expect(answer.status).toBe(200);
      expect(answer.headers['strict-transport-security']).toBe(HSTS);
      // No local authority to install: the operator's certificate comes from elsewhere.
      expect((await get(`https://127.0.0.1:${server.port}/ca.crt`, options)).status).toBe(404);
      expect(server.httpPort).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
