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
 * Both certificates start a day before they are made: a tablet whose clock or time zone is a few hours off
 * (common on a base with no network time) would otherwise refuse a certificate "not yet valid". Lifetimes
 * count from that start (Apple and Android measure notAfter − notBefore).
 */
export const BACKDATE_MS = 86_400_000;
const DAY_MS = 86_400_000;

/** openssl's time format for `ca -startdate/-enddate`: YYYYMMDDHHMMSSZ. */
const opensslTime = (at: Date): string => `${at.toISOString().slice(0, 19).replace(/[-T:]/g, '')}Z`;

/**
 * openssl's configuration for both certificates, signed with `openssl ca` (the only signer of OpenSSL 3.0
 * that takes a start date). ECDSA P-256 keys; the authority may sign server certificates only (pathlen 0);
 * the server certificate is for TLS servers only, with the names Chrome checks (it ignores the subject's CN).
 * Paths are relative to the working directory the commands run in, so no path ever goes into the file.
 */
function opensslConfig(caName: string, names: readonly SanEntry[]): string {
  return `[req]
distinguished_name = dn
prompt = no
[dn]
O = Terrain
CN = ${caName}
[ca]
default_ca = local
[local]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
unique_subject = no
email_in_dn = no
copy_extensions = none
[any]
organizationName = optional
commonName = supplied
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

async function openssl(args: string[], cwd: string): Promise<string> {
  try {
    return (await run('openssl', args, { encoding: 'utf8', cwd })).stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT')
      throw new Error('openssl is not installed (Debian: apt-get install openssl)', { cause: err });
    throw new Error(`openssl ${args[0]} failed: ${(e.stderr ?? e.message).trim()}`, { cause: err });
  }
}

/** A new P-256 private key, written straight at mode 0600 whatever the umask. */
async function newKey(path: string, cwd: string): Promise<void> {
  const pem = await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'], cwd);
  writeFileSync(path, pem, { mode: KEY_FILE_MODE });
}

/** A positive 127-bit serial number, in hex as openssl's serial file holds it. */
const serial = (): string => {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
};

/**
 * `tls init`: a local certificate authority (made once, kept on later runs so that tablets need not install
 * it again) and a new server certificate for `hosts` and localhost, signed by it, in `dir`. Files are made in
 * a working directory beside them and renamed into place, so a failure leaves the previous ones as they were.
 */
export async function tlsInit(options: {
  dir: string;
  hosts: readonly string[];
  now?: Date;
}): Promise<TlsInitResult> {
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
  const now = options.now ?? new Date();
  const start = new Date(Math.floor((now.getTime() - BACKDATE_MS) / 1000) * 1000);
  const until = (days: number) => opensslTime(new Date(start.getTime() + days * DAY_MS));
  // `openssl ca` wants its database and next serial number.
  const sign = async (args: string[]) => {
    writeFileSync(join(work, 'serial'), `${serial()}\n`);
    await openssl(
      ['ca', '-batch', '-notext', '-config', 'openssl.cnf', '-startdate', opensslTime(start)].concat(args),
      work,
    );
  };
  try {
    const caName = `Terrain local CA ${hostname().replace(/[^\w.-]/g, '')} ${now.toISOString().slice(0, 10)}`;
    writeFileSync(join(work, 'openssl.cnf'), opensslConfig(caName, names));
    writeFileSync(join(work, 'index.txt'), '');
    const ca = hasCa ? path(TLS_FILES.ca) : join(work, TLS_FILES.ca);
    const caKey = hasCa ? path(TLS_FILES.caKey) : join(work, TLS_FILES.caKey);
    if (hasCa) {
      chmodSync(caKey, KEY_FILE_MODE);
    } else {
      await newKey(caKey, work);
      await openssl(['req', '-new', '-key', caKey, '-config', 'openssl.cnf', '-out', 'ca.csr'], work);
      const caArgs = ['-selfsign', '-keyfile', caKey, '-in', 'ca.csr', '-out', ca];
      await sign([...caArgs, '-enddate', until(CA_DAYS), '-extensions', 'ca_ext']);
    }
    const key = join(work, TLS_FILES.key);
    const cert = join(work, TLS_FILES.cert);
    await newKey(key, work);
    // The subject is the first name given; browsers read only the subjectAltName.
    const subject = `/O=Terrain/CN=${names[0]?.value ?? 'localhost'}`;
    await openssl(
      ['req', '-new', '-key', key, '-subj', subject, '-config', 'openssl.cnf', '-out', 'server.csr'],
      work,
    );
    const serverArgs = ['-cert', ca, '-keyfile', caKey, '-in', 'server.csr', '-out', cert];
    await sign([...serverArgs, '-enddate', until(SERVER_DAYS), '-extensions', 'server_ext']);

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
