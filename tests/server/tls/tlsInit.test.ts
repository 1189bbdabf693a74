import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanEntries, TlsUsageError } from '../../../src/server/tls/hosts';
import { BACKDATE_MS, CA_DAYS, SERVER_DAYS, tlsInit } from '../../../src/server/tls/init';

const DAY_MS = 86_400_000;
const mode = (path: string) => statSync(path).mode & 0o777;

describe('tls init', () => {
  let root: string;
  let dir: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'terrain-tls-'));
    dir = join(root, 'data', 'tls');
    await tlsInit({ dir, hosts: ['192.168.1.10', 'Base.local'] });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const read = (file: string) => readFileSync(join(dir, file));

  it('makes a server certificate for the given hosts and localhost, signed by the authority', () => {
    const ca = new X509Certificate(read('ca.pem'));
    const server = new X509Certificate(read('server.pem'));
    const names = server.subjectAltName?.split(', ') ?? [];
    expect(names).toEqual(
      expect.arrayContaining([
        'IP Address:192.168.1.10',
        'DNS:base.local',
        'DNS:localhost',
        'IP Address:127.0.0.1',
      ]),
    );
    expect(server.checkHost('base.local')).toBe('base.local');
    expect(server.checkIP('192.168.1.10')).toBe('192.168.1.10');
    expect(server.checkHost('other.example')).toBeUndefined();
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // serverAuth only
    expect(ca.ca).toBe(true);
    expect(server.publicKey.asymmetricKeyDetails).toMatchObject({ namedCurve: 'prime256v1' });
  });

  it('gives the server certificate at most 825 days and the authority about ten years', () => {
    const server = new X509Certificate(read('server.pem'));
    const ca = new X509Certificate(read('ca.pem'));
    const days = (c: X509Certificate) => (Date.parse(c.validTo) - Date.parse(c.validFrom)) / DAY_MS;
    expect(days(server)).toBe(SERVER_DAYS);
    expect(days(ca)).toBe(CA_DAYS);
  });

  it('starts both a day early, for tablets whose clock or time zone is off', () => {
    for (const file of ['server.pem', 'ca.pem']) {
      const from = Date.parse(new X509Certificate(read(file)).validFrom);
      expect(Date.now() - from, file).toBeGreaterThan(BACKDATE_MS - 60_000);
      expect(Date.now() - from, file).toBeLessThan(BACKDATE_MS + 60_000);
    }
  });

  it('keeps the keys for the service user only', () => {
    expect(mode(join(dir, 'ca-key.pem'))).toBe(0o600);
    expect(mode(join(dir, 'server-key.pem'))).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
  });

  it('keeps the authority and reissues the server certificate when run again', async () => {
    const caBefore = read('ca.pem');
    const caKeyBefore = read('ca-key.pem');
    const serverBefore = read('server.pem');
    const keyBefore = read('server-key.pem');
    const result = await tlsInit({ dir, hosts: ['10.0.0.7'] });
    expect(result.caCreated).toBe(false);
    expect(read('ca.pem')).toEqual(caBefore);
    expect(read('ca-key.pem')).toEqual(caKeyBefore);
    expect(read('server.pem')).not.toEqual(serverBefore);
    expect(read('server-key.pem')).not.toEqual(keyBefore);
    const server = new X509Certificate(read('server.pem'));
    expect(server.checkIP('10.0.0.7')).toBe('10.0.0.7');
    expect(server.checkHost('base.local')).toBeUndefined();
    expect(server.checkIssued(new X509Certificate(caBefore))).toBe(true);
    expect(result.caFingerprint).toBe(new X509Certificate(caBefore).fingerprint256);
    expect(mode(join(dir, 'server-key.pem'))).toBe(0o600);
  });

  it('narrows an authority key found readable by others', async () => {
    const { chmodSync } = await import('node:fs');
    chmodSync(join(dir, 'ca-key.pem'), 0o644);
    await tlsInit({ dir, hosts: ['10.0.0.7'] });
    expect(mode(join(dir, 'ca-key.pem'))).toBe(0o600);
  });

  it('refuses an authority without its key, leaving the files as they were', async () => {
    const other = join(root, 'half');
    await tlsInit({ dir: other, hosts: ['10.0.0.8'] });
    rmSync(join(other, 'ca-key.pem'));
    const before = readFileSync(join(other, 'server.pem'));
    await expect(tlsInit({ dir: other, hosts: ['10.0.0.8'] })).rejects.toThrow(TlsUsageError);
    expect(readFileSync(join(other, 'server.pem'))).toEqual(before);
  });

  it('leaves the previous files in place when openssl fails', async () => {
    const broken = join(root, 'broken');
    await tlsInit({ dir: broken, hosts: ['10.0.0.9'] });
    const before = readFileSync(join(broken, 'server.pem'));
    writeFileSync(join(broken, 'ca-key.pem'), 'not a key', { mode: 0o600 });
    await expect(tlsInit({ dir: broken, hosts: ['10.0.0.9'] })).rejects.toThrow(/openssl/);
    expect(readFileSync(join(broken, 'server.pem'))).toEqual(before);
  });
});

describe('the names of a server certificate', () => {
  it('takes IP addresses (v4, v6) and host names, adds localhost once', () => {
    expect(sanEntries(['192.168.1.10', '[fe80::1]', 'base.local', 'localhost'])).toEqual([
      { kind: 'IP', value: '192.168.1.10' },
      { kind: 'IP', value: 'fe80::1' },
      { kind: 'DNS', value: 'base.local' },
      { kind: 'DNS', value: 'localhost' },
      { kind: 'IP', value: '127.0.0.1' },
      { kind: 'IP', value: '::1' },
    ]);
  });

  it('refuses what could change openssl’s configuration, wildcards and nothing at all', () => {
    for (const bad of ['a b', 'x\nbasicConstraints=CA:TRUE', 'base.local,DNS:evil', '*.local', '-x', ''])
      expect(() => sanEntries([bad]), bad).toThrow(TlsUsageError);
    expect(() => sanEntries([])).toThrow(TlsUsageError);
  });
});
