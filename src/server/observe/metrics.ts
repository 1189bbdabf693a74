import { Counter, Gauge, Histogram, Registry } from './registry';

/** Seconds; from a cached page (5 ms) to a large push or export (10 s). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * What `/metrics` exposes. Every label has few values: `route` is the route's pattern
 * (`/api/users/:id/role`), never the path a request named, and an unknown method counts as OTHER.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly requests = this.registry.add(
    new Counter(
      'terrain_http_requests_total',
      'HTTP requests answered, by method, route pattern and status.',
    ),
  );
  readonly duration = this.registry.add(
    new Histogram(
      'terrain_http_request_duration_seconds',
      'Time to answer a request (until its headers), by method and route pattern.',
      LATENCY_BUCKETS,
    ),
  );
  readonly errors = this.registry.add(
    new Counter('terrain_http_errors_total', 'Requests answered with a 5xx status, by route pattern.'),
  );
  readonly pushes = this.registry.add(
    new Counter('terrain_sync_pushes_total', 'Pushes the server answered.'),
  );
  readonly mutations = this.registry.add(
    new Counter(
      'terrain_sync_mutations_total',
      'Pushed changes by result: applied, duplicate, conflict, rejected.',
    ),
  );
  readonly pulls = this.registry.add(
    new Counter('terrain_sync_pulls_total', 'Pull pages the server answered.'),
  );
  readonly pulledChanges = this.registry.add(
    new Counter('terrain_sync_pulled_changes_total', 'Changes sent in pull pages.'),
  );

  constructor(startedAt = Date.now()) {
    this.registry.add(
      new Gauge('process_start_time_seconds', 'When the process started, in Unix seconds.', () =>
        Math.round(startedAt / 1000),
      ),
    );
    this.registry.add(
      new Gauge('process_resident_memory_bytes', 'Resident memory of the process.', () =>
        process.memoryUsage.rss(),
      ),
    );
  }

  request(method: string, route: string, status: number, seconds: number): void {
    const m = METHODS.has(method) ? method : 'OTHER';
    this.requests.inc({ method: m, route, status: String(status) });
    this.duration.observe({ method: m, route }, seconds);
    if (status >= 500) this.errors.inc({ route });
  }

  render(): string {
    return this.registry.render();
  }
}
