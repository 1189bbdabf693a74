import { execFile } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sanConfigValue, sanEntries, TlsUsageError, type SanEntry } from './hosts';

const run = promisify(execFile);

/** The files of `tls init`, in DATA_DIR/tls. The keys are the service user's only. */
export const TLS_FILES = {
  ca: 'ca.pem',
  caKey: 'ca-key.pem',
  cert: 'server.pem',
  key: 'server-key.pem',
} as const;
export const TLS_DIR_MODE = 0o700;
export const KEY_FILE_MODE = 0o600;
/** The authority outlives several server certificates: tablets install it once. */
export const CA_DAYS = 3650;
/** Apple's limit for locally trusted certificates (Chrome's 398 days is for public authorities only). */
export const SERVER_DAYS = 825;

export interface TlsInitResult {
  dir: string;
  /** False when an existing authority was kept (the tablets that trust it need do nothing). */
  caCreated: boolean;
  /** SHA-256 fingerprint of the authority, to compare with what a tablet shows. */
  caFingerprint: string;
  names: SanEntry[];
  /** When the server certificate expires: run `tls init` again before. */
  validTo: Date;
}

/**
 * openssl's configuration for both certificates. ECDSA P-256 keys; the authority may sign server
 * certificates only (pathlen 0); the server certificate is for TLS servers only, with the names Chrome
 * checks (it ignores the subject's CN).
 */
function opensslConfig(caName: string, names: readonly SanEntry[]): string {
  return `[req]
distinguished_name = dn
prompt = no
[dn]
O = Terrain
CN = ${caName}
[ca_ext]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = ${sanConfigValue(names)}
`;
}

async function openssl(args: string[]): Promise<string> {
  try {
    return (await run('openssl', args, { encoding: 'utf8' })).stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT')
      throw new Error('openssl is not installed (Debian: apt-get install openssl)', { cause: err });
    throw new Error(`openssl ${args[0]} failed: ${(e.stderr ?? e.message).trim()}`, { cause: err });
  }
}

/** A new P-256 private key, written straight at mode 0600 whatever the umask. */
async function newKey(path: string): Promise<void> {
  const pem = await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
  writeFileSync(path, pem, { mode: KEY_FILE_MODE });
}

/** A positive 127-bit serial number, as hex for openssl. */
const serial = (): string => {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return `0x${bytes.toString('hex')}`;
};

/**
 * `tls init`: a local certificate authority (made once, kept on later runs so that tablets need not install
 * it again) and a new server certificate for `hosts` and localhost, signed by it, in `dir`. Files are made in
 * a working directory beside them and renamed into place, so a failure leaves the previous ones as they were.
 */
export async function tlsInit(options: { dir: string; hosts: readonly string[] }): Promise<TlsInitResult> {
  const names = sanEntries(options.hosts);
  const { dir } = options;
  const path = (file: string) => join(dir, file);
  const hasCa = existsSync(path(TLS_FILES.ca));
  if (hasCa !== existsSync(path(TLS_FILES.caKey)))
    throw new TlsUsageError(
      `${dir} holds one of ${TLS_FILES.ca} and ${TLS_FILES.caKey} without the other: restore it, or move both away to make a new authority (tablets must then install it again)`,
    );
  mkdirSync(dir, { recursive: true, mode: TLS_DIR_MODE });
  chmodSync(dir, TLS_DIR_MODE);
  const work = mkdtempSync(join(dir, '.init-'));
  try {
    const caName = `Terrain local CA ${hostname().replace(/[^\w.-]/g, '')} ${new Date().toISOString().slice(0, 10)}`;
    const config = join(work, 'openssl.cnf');
    writeFileSync(config, opensslConfig(caName, names));
    const ca = hasCa ? path(TLS_FILES.ca) : join(work, TLS_FILES.ca);
    const caKey = hasCa ? path(TLS_FILES.caKey) : join(work, TLS_FILES.caKey);
    if (hasCa) {
      chmodSync(caKey, KEY_FILE_MODE);
    } else {
      await newKey(caKey);
      await openssl(
        ['req', '-x509', '-new', '-key', caKey, '-sha256', '-days', String(CA_DAYS)].concat([
          '-config',
          config,
          '-extensions',
          'ca_ext',
          '-set_serial',
          serial(),
          '-out',
          ca,
        ]),
      );
    }
    const key = join(work, TLS_FILES.key);
    const csr = join(work, 'server.csr');
    const cert = join(work, TLS_FILES.cert);
    await newKey(key);
    // The subject is the first name given; browsers read only the subjectAltName.
    const subject = `/O=Terrain/CN=${names[0]?.value ?? 'localhost'}`;
    await openssl(['req', '-new', '-key', key, '-subj', subject, '-config', config, '-out', csr]);
    await openssl(
      ['x509', '-req', '-in', csr, '-CA', ca, '-CAkey', caKey, '-set_serial', serial()].concat([
        '-days',
        String(SERVER_DAYS),
        '-sha256',
        '-extfile',
        config,
        '-extensions',
        'server_ext',
        '-out',
        cert,
      ]),
    );

    if (!hasCa) {
      renameSync(caKey, path(TLS_FILES.caKey));
      renameSync(ca, path(TLS_FILES.ca));
    }
    renameSync(key, path(TLS_FILES.key));
    renameSync(cert, path(TLS_FILES.cert));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const caCert = new X509Certificate(readFileSync(path(TLS_FILES.ca)));
  const serverCert = new X509Certificate(readFileSync(path(TLS_FILES.cert)));
  return {
    dir,
    caCreated: !hasCa,
    caFingerprint: caCert.fingerprint256,
    names,
    validTo: new Date(serverCert.validTo),
  };
}
