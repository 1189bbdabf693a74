import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TLS_FILES } from './init';

/** How the server serves HTTPS (src/server/main.ts). */
export interface TlsSettings {
  /** PEM private key and certificate (a chain: the server's first). */
  key: string;
  cert: string;
  /** Where they came from, for the start-up log. */
  source: string;
  /** The local authority (PEM) that issued `cert`, served at /ca.crt; only for `tls init`'s certificates. */
  caCert?: string;
  /** A plain HTTP listener that redirects to HTTPS (and serves /ca and /ca.crt); none when undefined. */
  httpPort?: number;
  /** When the certificate expires. */
  validTo: Date;
}

export class TlsConfigError extends Error {}

type Env = Record<string, string | undefined>;

function readPem(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new TlsConfigError(`${what}: cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
}

function portFrom(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new TlsConfigError(`HTTP_PORT must be 0-65535, got ${value}`);
  return port;
}

/**
 * HTTPS from the environment: TLS_CERT and TLS_KEY (file paths) when both are set, else the certificate
 * `tls init` made in DATA_DIR/tls when it exists, else none (plain HTTP, e.g. behind a reverse proxy).
 * An explicit certificate wins so that an operator's own certificate is never shadowed by an old local one.
 * HTTP_PORT adds the redirecting listener and needs HTTPS.
 */
export function tlsFromEnv(env: Env, dataDir: string): TlsSettings | undefined {
  const certPath = env.TLS_CERT || undefined;
  const keyPath = env.TLS_KEY || undefined;
  const httpPort = env.HTTP_PORT ? portFrom(env.HTTP_PORT) : undefined;
  const dir = join(dataDir, 'tls');
  let settings: Omit<TlsSettings, 'validTo' | 'caCert'>;
  if (certPath || keyPath) {
    if (!certPath || !keyPath)
      throw new TlsConfigError('TLS_CERT and TLS_KEY go together: set both or neither');
    settings = { cert: readPem(certPath, 'TLS_CERT'), key: readPem(keyPath, 'TLS_KEY'), source: certPath };
  } else if (existsSync(join(dir, TLS_FILES.cert))) {
    const cert = join(dir, TLS_FILES.cert);
    settings = {
      cert: readPem(cert, 'tls init'),
      key: readPem(join(dir, TLS_FILES.key), 'tls init'),
      source: cert,
    };
  } else {
    if (httpPort !== undefined)
      throw new TlsConfigError('HTTP_PORT redirects to HTTPS: set TLS_CERT and TLS_KEY, or run `tls init`');
    return undefined;
  }
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(settings.cert);
  } catch (err) {
    throw new TlsConfigError(`${settings.source} is not a PEM certificate: ${(err as Error).message}`, {
      cause: err,
    });
  }
  // Node would refuse a mismatched pair with an OpenSSL code; say which files are at fault.
  let matches: boolean;
  try {
    matches = cert.checkPrivateKey(createPrivateKey(settings.key));
  } catch (err) {
    const why = (err as Error).message;
    throw new TlsConfigError(`The key of ${settings.source} is not a PEM private key: ${why}`, {
      cause: err,
    });
  }
  if (!matches)
    throw new TlsConfigError(`The key given does not belong to the certificate ${settings.source}`);
  // The local authority is offered to tablets only when it is the one that signed the certificate in use.
  const caPath = join(dir, TLS_FILES.ca);
  let caCert: string | undefined;
  if (existsSync(caPath)) {
    const pem = readPem(caPath, 'tls init');
    let ca: X509Certificate;
    try {
      ca = new X509Certificate(pem);
    } catch (err) {
      throw new TlsConfigError(`${caPath} is not a PEM certificate: ${(err as Error).message}`, {
        cause: err,
      });
    }
    if (cert.checkIssued(ca) && cert.verify(ca.publicKey)) caCert = pem;
  }
  return { ...settings, caCert, httpPort, validTo: new Date(cert.validTo) };
}
