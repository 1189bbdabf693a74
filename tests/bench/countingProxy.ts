import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a server that counts every byte it relays each way: request and status lines,
 * headers, chunked framing and bodies, exactly what HTTP puts on the wire (TCP/IP and TLS framing aside).
 */
export interface CountingProxy {
  /** `http://127.0.0.1:<port>` of the proxy. */
  origin: string;
  /** Bytes from clients to the server since the last reset. */
  readonly up: number;
  /** Bytes from the server to clients since the last reset. */
  readonly down: number;
  /** TCP connections opened since the last reset. */
  readonly connections: number;
  /** What was relayed since the last reset, per connection and direction, for `splitHttp`. */
  readonly captured: { up: Buffer[]; down: Buffer[] }[];
  reset(): void;
  close(): Promise<void>;
}

export async function countingProxy(target: { host: string; port: number }): Promise<CountingProxy> {
  let up = 0;
  let down = 0;
  let connections = 0;
  const captured: { up: Buffer[]; down: Buffer[] }[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    connections += 1;
    const capture = { up: [] as Buffer[], down: [] as Buffer[] };
    captured.push(capture);
    const upstream = createConnection(target);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      // A reset on one side ends the other; the error itself is of no interest to a byte count.
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => {
      up += chunk.byteLength;
      capture.up.push(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      down += chunk.byteLength;
      capture.down.push(chunk);
    });
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    get up() {
      return up;
    },
    get down() {
      return down;
    },
    get connections() {
      return connections;
    },
    get captured() {
      return captured;
    },
    reset() {
      up = 0;
      down = 0;
      connections = 0;
      // Connections kept alive go on being captured: they start afresh too.
      for (const capture of captured) {
        capture.up.length = 0;
        capture.down.length = 0;
      }
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Where the bytes of a stream of HTTP/1.1 messages went. */
export interface HttpBytes {
  messages: number;
  /** Start lines and headers, with their blank line. */
  head: number;
  /** Message bodies (as sent: compressed if they were). */
  body: number;
  /** Chunked transfer-encoding's size lines and trailers. */
  framing: number;
}

/**
 * Splits one direction of a connection into its HTTP messages. Enough HTTP/1.1 for what the benchmark sends:
 * Content-Length or chunked bodies, no HEAD responses (their headers announce a body that is not there).
 */
export function splitHttp(chunks: readonly Buffer[]): HttpBytes {
  const data = Buffer.concat(chunks);
  const out: HttpBytes = { messages: 0, head: 0, body: 0, framing: 0 };
  let at = 0;
  while (at < data.length) {
    const end = data.indexOf('\r\n\r\n', at);
    if (end < 0) throw new Error('Incomplete HTTP message head');
    const head = data.subarray(at, end).toString('latin1');
    out.messages += 1;
    out.head += end + 4 - at;
    at = end + 4;
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
    if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
      for (;;) {
        const lineEnd = data.indexOf('\r\n', at);
        const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
        out.framing += lineEnd + 2 - at + 2;
        at = lineEnd + 2 + size + 2;
        out.body += size;
        if (size === 0) break;
      }
    } else if (length !== undefined) {
      out.body += Number(length);
      at += Number(length);
    }
  }
  return out;
}
