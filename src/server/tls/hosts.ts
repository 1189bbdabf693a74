import { isIP } from 'node:net';

/** One name a server certificate answers to: an IP address or a DNS name. */
export type SanEntry = { kind: 'IP'; value: string } | { kind: 'DNS'; value: string };

export class TlsUsageError extends Error {}

// RFC 1123 labels; a leading `*.` is refused: a base needs no wildcard, and a narrow certificate is safer.
const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Names the server always answers to on the machine itself. */
const ALWAYS: SanEntry[] = [
  { kind: 'DNS', value: 'localhost' },
  { kind: 'IP', value: '127.0.0.1' },
  { kind: 'IP', value: '::1' },
];

/**
 * The subjectAltName entries of a server certificate: the hosts given (IP addresses or DNS names, checked
 * strictly since they go into openssl's configuration), then localhost, without duplicates.
 */
export function sanEntries(hosts: readonly string[]): SanEntry[] {
  if (hosts.length === 0)
    throw new TlsUsageError('tls init needs at least one --host (an IP address or name)');
  const entries: SanEntry[] = [];
  for (const raw of hosts) {
    const host = raw.trim().replace(/^\[(.*)\]$/, '$1');
    if (isIP(host)) entries.push({ kind: 'IP', value: host });
    else if (DNS_NAME.test(host)) entries.push({ kind: 'DNS', value: host.toLowerCase() });
    else throw new TlsUsageError(`--host ${JSON.stringify(raw)} is neither an IP address nor a host name`);
  }
  const seen = new Set<string>();
  return [...entries, ...ALWAYS].filter((e) => {
    const key = `${e.kind}:${e.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The entries as openssl's `subjectAltName` value. */
export function sanConfigValue(entries: readonly SanEntry[]): string {
  return entries.map((e) => `${e.kind}:${e.value}`).join(',');
}
