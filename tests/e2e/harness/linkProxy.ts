import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * Where a drop hits the request it is aimed at:
 * - `upload`: the server gets the request's head and part of its body, then the connection dies;
 * - `response`: the server has handled the request, and its answer is lost on the way back (the device
 *   cannot know whether it arrived: the case exactly-once delivery is about).
 */
export type DropPoint = 'upload' | 'response';

/** A request as it went up the link (its head only). */
export interface SeenRequest {
  method: string;
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
}

const REQUEST_HEAD = /^([A-Z]+) (\S+) HTTP\/1\.1\r\n([\s\S]*?)\r\n\r\n/;

interface Trigger {
  /** Start of the request line, e.g. `POST /api/sync/push `. */
  request: string;
  nth: number;
  at: DropPoint;
  seen: number;
  fired: () => void;
}

/**
 * The path between the device and the server, as a TCP relay the test can break: the page loads the app
 * and talks to the API through `url`. `drop()` destroys every open connection and refuses new ones until
 * `restore()`, as a mobile link that loses its carrier does.
 *
 * Why not only DevTools' offline emulation: Chromium lets requests already in flight finish when it goes
 * offline (a push sent before the switch is still acknowledged after it), so it cannot cut a sync in the
 * middle of a request. The relay can, at a chosen point (`dropDuring`).
 */
export class LinkProxy {
  /** Every request that started up the link, in order (dropped ones included). */
  readonly requests: SeenRequest[] = [];
  private readonly connections = new Set<Socket>();
  private dropped = false;
  private trigger: Trigger | null = null;

  private readonly server: Server;
  private port = 0;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = createServer((client) => this.relay(client));
  }

  static async start(target: string): Promise<LinkProxy> {
    const { hostname, port } = new URL(target);
    const proxy = new LinkProxy(hostname, Number(port));
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = proxy.server.address();
    if (address === null || typeof address === 'string') throw new Error('The link proxy has no port');
    proxy.port = address.port;
    return proxy;
  }

  /** Where the device reaches the server. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The link goes down now: every open connection dies, new ones are refused. */
  drop(): void {
    this.dropped = true;
    for (const socket of this.connections) socket.destroy();
    this.connections.clear();
  }

  restore(): void {
    this.dropped = false;
  }

  /** Drops the link at `at` of the `nth` request (from now on) whose request line starts with `request`. */
  dropDuring(request: string, nth: number, at: DropPoint): Promise<void> {
    return new Promise((resolve) => {
      this.trigger = { request, nth, at, seen: 0, fired: resolve };
    });
  }

  async close(): Promise<void> {
    this.drop();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: Socket): void {
    if (this.dropped) {
      client.destroy();
      return;
    }
    const upstream = connect(this.targetPort, this.targetHost);
    this.connections.add(client);
    this.connections.add(upstream);
    // Set when this connection carries the request whose answer must be lost.
    let answerToLose: Trigger | null = null;
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.connections.delete(client);
      this.connections.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);

    client.on('data', (chunk: Buffer) => {
      this.noteRequest(chunk);
      const trigger = this.trigger;
      const at = trigger ? chunk.toString('latin1').indexOf(trigger.request) : -1;
      if (trigger && at >= 0 && ++trigger.seen === trigger.nth) {
        this.trigger = null;
        if (trigger.at === 'response') {
          answerToLose = trigger;
        } else {
          // The head and half of whatever body came with it, then the link goes.
          const headEnd = chunk.indexOf('\r\n\r\n', at);
          const bodyStart = headEnd < 0 ? chunk.length : headEnd + 4;
          upstream.write(chunk.subarray(0, bodyStart + Math.floor((chunk.length - bodyStart) / 2)), () => {
            this.drop();
            trigger.fired();
          });
          return;
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (answerToLose) {
        this.drop();
        answerToLose.fired();
        answerToLose = null;
        return;
      }
      client.write(chunk);
    });
  }

  /** Browsers write a request's head in one piece, so a request starts a chunk. */
  private noteRequest(chunk: Buffer): void {
    const head = REQUEST_HEAD.exec(chunk.toString('latin1'));
    if (!head) return;
    const headers: Record<string, string> = {};
    for (const line of head[3]!.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    this.requests.push({ method: head[1]!, path: head[2]!, headers });
  }
}
