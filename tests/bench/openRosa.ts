import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FormDefinition } from '../../src/core/forms/definition';
import type { Submission } from '../../src/core/records/submission';

/**
 * The OpenRosa way of sending submissions, as the reference for Terrain's wire cost: a minimal but faithful
 * server endpoint and an ODK Collect-like client, both speaking real HTTP/1.1 so a counting proxy sees the
 * real bytes.
 *
 * Assumptions (ODK Collect v2024 against ODK Central; see Collect's InstanceServerUploader and
 * OkHttpConnection, Central's OpenRosa endpoints):
 * - one `HEAD` then one `POST` per submission. Collect skips the HEAD only when a previous one answered with
 *   a `Location` to remap the URL; Central answers 204 without one, so Collect asks before every submission;
 * - the URL is Central's app-user form: `/v1/key/<64-char token>/projects/1/submission?deviceID=collect:<16>`
 *   (the token is in the path, no Authorization header);
 * - request headers as OkHttp sends them: Host, Connection, Accept-Encoding, User-Agent (Collect's, with the
 *   Android version), X-OpenRosa-Version and Date (added by Collect's client), and for the POST the
 *   multipart Content-Type (boundary is a UUID) and Content-Length;
 * - the body is multipart/form-data with one part, `xml_submission_file`, named like Collect's instance files,
 *   `text/xml`, with its Content-Length; no attachments; nothing compressed (Collect does not gzip uploads);
 * - the instance XML is what Collect writes for a pyxform form: `<?xml version='1.0' ?>`, the root `data`
 *   with id and version, every field including the note (empty), start and end (the times Terrain keeps as
 *   startedAt and finalizedAt), select_multiple as space-separated names, geopoint as "lat lon alt acc", and
 *   the `meta/instanceID` uuid;
 * - the server answers the HEAD 204 with X-OpenRosa-Version and X-OpenRosa-Accept-Content-Length, and the
 *   POST 201 with Central's OpenRosa XML message, uncompressed (too small to gzip);
 * - one keep-alive connection, as OkHttp's pool gives; no TLS on either side (both would pay it).
 */

const COLLECT_USER_AGENT =
  'org.odk.collect.android/v2024.3.1 okhttp/4.12.0 Dalvik/2.1.0 (Linux; U; Android 13; SM-A145F Build/TP1A.220624.014)';
const SUCCESS_BODY =
  '<OpenRosaResponse xmlns="http://openrosa.org/http/response" items="0"><message nature="submit_success">' +
  'full submission upload was successful!</message></OpenRosaResponse>';

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An answer as ODK writes it in an instance. */
function xmlValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(xmlValue).join(' ');
  if (typeof value === 'object') {
    const point = value as { latitude?: number; longitude?: number; altitude?: number; accuracy?: number };
    if (point.latitude !== undefined)
      return [point.latitude, point.longitude, point.altitude ?? 0, point.accuracy ?? 0].join(' ');
    return escapeXml(JSON.stringify(value));
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return escapeXml(String(value));
  return '';
}

/** ODK's time format: local time with milliseconds and an offset (UTC here). */
const odkTime = (iso: string) => iso.replace('Z', '+00:00');

/** The instance XML ODK Collect would send for this submission of `form`. */
export function instanceXml(form: FormDefinition, submission: Submission): string {
  const fields = form.items
    .filter((item) => item.kind === 'question')
    .map((item) => {
      const value = xmlValue(submission.data[item.name]);
      return value === '' ? `<${item.name}/>` : `<${item.name}>${value}</${item.name}>`;
    })
    .join('');
  return (
    `<?xml version='1.0' ?><data id="${form.id}" version="${form.version}" ` +
    `xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms">` +
    `<start>${odkTime(submission.startedAt)}</start><end>${odkTime(submission.finalizedAt)}</end>` +
    `${fields}<meta><instanceID>uuid:${submission.id}</instanceID></meta></data>`
  );
}

/** Collect's instance file name: the form name and when it was started. */
function instanceFileName(form: FormDefinition, submission: Submission): string {
  const at = submission.startedAt.slice(0, 19).replace('T', '_').replaceAll(':', '-');
  return `${form.id}_${at}.xml`;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface OpenRosaServer {
  port: number;
  /** Submissions received whole. */
  received: number;
  close(): Promise<void>;
}

/** The minimal OpenRosa submission endpoint (accepts any instance; stores nothing). */
export async function openRosaServer(): Promise<OpenRosaServer> {
  const state = { received: 0 };
  const server: Server = createServer((req, res) => {
    const openRosa = { 'X-OpenRosa-Version': '1.0', 'X-OpenRosa-Accept-Content-Length': '104857600' };
    if (!/\/submission(\?|$)/.test(req.url ?? '')) {
      res.writeHead(404).end();
      return;
    }
    if (req.method === 'HEAD') {
      res.writeHead(204, openRosa).end();
      return;
    }
    void readBody(req).then((body) => {
      if (!body.includes('name="xml_submission_file"')) {
        res.writeHead(400, openRosa).end();
        return;
      }
      state.received += 1;
      res
        .writeHead(201, { ...openRosa, 'Content-Type': 'text/xml; charset=utf-8' })
        .end(`<?xml version="1.0" encoding="UTF-8"?>\n${SUCCESS_BODY}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get received() {
      return state.received;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function send(
  agent: Agent,
  target: URL,
  method: 'HEAD' | 'POST',
  headers: Record<string, string>,
  body?: Buffer,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(target, { method, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends each submission as ODK Collect does (HEAD, then the multipart POST) to `origin`. */
export async function uploadLikeCollect(
  origin: string,
  form: FormDefinition,
  submissions: readonly Submission[],
): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const token = randomBytes(48).toString('base64url');
  const deviceId = `collect:${randomBytes(8).toString('hex').slice(0, 16)}`;
  const url = new URL(`/v1/key/${token}/projects/1/submission`, origin);
  url.searchParams.set('deviceID', deviceId);
  const base = {
    Connection: 'Keep-Alive',
    'Accept-Encoding': 'gzip',
    'User-Agent': COLLECT_USER_AGENT,
    'X-OpenRosa-Version': '1.0',
  };
  try {
    for (const submission of submissions) {
      const date = new Date().toUTCString();
      const head = await send(agent, url, 'HEAD', { ...base, Date: date });
      if (head !== 204) throw new Error(`HEAD answered ${head}`);
      const xml = Buffer.from(instanceXml(form, submission));
      const boundary = randomUUID();
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="xml_submission_file"; ` +
            `filename="${instanceFileName(form, submission)}"\r\nContent-Type: text/xml\r\n` +
            `Content-Length: ${xml.byteLength}\r\n\r\n`,
        ),
        xml,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const post = await send(
        agent,
        url,
        'POST',
        {
          ...base,
          Date: date,
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': String(body.byteLength),
        },
        body,
      );
      if (post !== 201) throw new Error(`POST answered ${post}`);
    }
  } finally {
    agent.destroy();
  }
}
