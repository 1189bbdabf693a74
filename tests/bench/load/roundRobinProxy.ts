import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { assertLoopback } from './loopback';

/**
 * A reverse proxy on 127.0.0.1 that hands each request to the next upstream in turn (round robin), as a
 * load balancer in front of several server processes would. Keep-alive both ways; bodies streamed.
 */
export interface RoundRobinProxy {
  origin: string;
  /** Requests sent to each upstream, in the order given. */
  readonly counts: readonly number[];
  close(): Promise<void>;
}

export async function roundRobinProxy(upstreams: readonly { port: number }[]): Promise<RoundRobinProxy> {
  if (upstreams.length === 0) throw new Error('A proxy needs at least one upstream');
  const counts = upstreams.map(() => 0);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const sockets = new Set<Socket>();
  let next = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const index = next;
    next = (next + 1) % upstreams.length;
    counts[index]! += 1;
    const upstream = request(
      {
        host: '127.0.0.1',
        port: upstreams[index]!.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { address, port } = server.address() as AddressInfo;
  assertLoopback(address);
  return {
    origin: `http://127.0.0.1:${port}`,
    counts,
    close() {
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
