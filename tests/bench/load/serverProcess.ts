import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

/** A server as a separate OS process (serveChild.ts), so the load generator never shares its event loop. */
export interface ServerProcess {
  port: number;
  pid: number;
  /** Resident memory of the process now, in bytes (Linux /proc). */
  rss(): number;
  /** CPU time the process has used so far (user and system), in seconds (Linux /proc). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./serveChild.ts', import.meta.url));

export async function startServerProcess(options: {
  dataDir: string;
  databaseUrl?: string;
  /** Variables for the server (RATE_LIMIT_*...), over the bench's own environment. */
  env: Record<string, string>;
  /** A directory for a V8 CPU profile of the server (`--cpu-prof`), written when it stops. */
  cpuProfDir?: string;
}): Promise<ServerProcess> {
  const args = ['--import', 'tsx'];
  if (options.cpuProfDir) args.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`);
  const child = spawn(process.execPath, [...args, CHILD], {
    env: {
      ...process.env,
      ...options.env,
      LOAD_DATA_DIR: options.dataDir,
      DATABASE_URL: options.databaseUrl ?? '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    child.once('exit', (code) => reject(new Error(`The server process exited (${code}) before listening`)));
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { port?: unknown };
        if (typeof parsed.port === 'number') resolve(parsed.port);
      } catch {
        // Anything else the server prints is not the bench's business.
      }
    });
  });
  const pid = child.pid!;
  return {
    port,
    pid,
    rss: () => rssOf(pid),
    cpuSeconds: () => cpuSecondsOf(pid),
    stop: () => stopChild(child),
  };
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  if (!kb) throw new Error(`No VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

/** utime + stime of /proc/<pid>/stat, in clock ticks of 1/100 s (Linux's USER_HZ). */
function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
