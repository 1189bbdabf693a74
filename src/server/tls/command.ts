import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TlsUsageError } from './hosts';
import { tlsInit } from './init';

export const TLS_USAGE = `  tls init --host ADDRESS [--host NAME ...]
                                make a local certificate authority (kept on later runs) and a server
                                certificate for these IP addresses and names (and localhost) in DATA_DIR/tls;
                                serve then uses it over HTTPS; tablets install /ca.crt (see docs/https.md)`;

/** This machine's own LAN addresses, suggested when no --host is given. */
function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((i) => (i && !i.internal && i.family === 'IPv4' ? [i.address] : []));
}

/** `tls init`: the certificates of a base with no internet (src/server/tls/init.ts). */
export async function tlsCommand(args: string[], io: { dataDir: string; out: (line: string) => void }) {
  const [sub, ...rest] = args;
  if (sub !== 'init') throw new TlsUsageError('tls: use `tls init --host ADDRESS`');
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { host: { type: 'string', multiple: true } },
  });
  if (positionals.length > 0) throw new TlsUsageError(`tls init: unexpected ${positionals.join(' ')}`);
  const hosts = values.host ?? [];
  if (hosts.length === 0) {
    const found = lanAddresses();
    throw new TlsUsageError(
      `tls init needs --host: the address tablets will use${found.length ? ` (this machine has ${found.join(', ')})` : ''}`,
    );
  }
  const result = await tlsInit({ dir: join(io.dataDir, 'tls'), hosts });
  io.out(
    result.caCreated
      ? `New certificate authority in ${result.dir}/ca.pem: install it on each tablet, from http://ADDRESS:HTTP_PORT/ca (docs/https.md).`
      : `Kept the certificate authority in ${result.dir}/ca.pem: tablets that trust it need do nothing.`,
  );
  io.out(`Authority fingerprint (SHA-256): ${result.caFingerprint}`);
  io.out(`Server certificate for ${result.names.map((n) => n.value).join(', ')}`);
  io.out(
    `valid until ${result.validTo.toISOString().slice(0, 10)}: run tls init again before then, and restart the server.`,
  );
  io.out(`Keep ${result.dir}/ca-key.pem secret: whoever has it can impersonate any site to the tablets.`);
}
