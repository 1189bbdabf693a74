import { Agent, request } from 'node:http';
import { assertLoopback } from './loopback';

/**
 * A lean HTTP/1.1 client for the simulated devices (node:http with keep-alive): the load generator shares
 * two cores with the server, so it spends as little CPU per request as it can. No response validation
 * beyond the status: the protocol's schemas are the tests' business.
 */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface HttpClient {
  call(
    method: string,
    path: string,
    options?: { headers?: Record<string, string>; body?: Buffer | string },
  ): Promise<Answer>;
  close(): void;
}

export function httpClient(origin: string): HttpClient {
  assertLoopback(origin);
  const { port } = new URL(origin);
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  return {
    call(method, path, options = {}) {
      return new Promise((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: Number(port), method, path, headers: options.headers, agent },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(options.body);
      });
    },
    close: () => agent.destroy(),
  };
}
