/**
 * A small Prometheus registry (text exposition format 0.0.4): counters and histograms with labels, and
 * gauges read when scraped. prom-client does much more (summaries, cluster aggregation, default process
 * metrics) than the handful of series Terrain exposes, so this stays ours.
 */
type Labels = Record<string, string>;

interface Series<T> {
  labels: Labels;
  value: T;
}

interface Exposed {
  readonly name: string;
  readonly help: string;
  readonly type: string;
  lines(): string[];
}

abstract class Metric<T> implements Exposed {
  protected readonly series = new Map<string, Series<T>>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'histogram' | 'gauge',
  ) {}

  protected at(labels: Labels, fresh: () => T): T {
    const key = JSON.stringify(labels);
    let found = this.series.get(key);
    if (!found) {
      found = { labels, value: fresh() };
      this.series.set(key, found);
    }
    return found.value;
  }

  abstract lines(): string[];
}

export class Counter extends Metric<{ n: number }> {
  constructor(name: string, help: string) {
    super(name, help, 'counter');
  }
  inc(labels: Labels = {}, by = 1): void {
    this.at(labels, () => ({ n: 0 })).n += by;
  }
  /** The current value of one series (0 when never counted): for tests. */
  get(labels: Labels = {}): number {
    return this.series.get(JSON.stringify(labels))?.value.n ?? 0;
  }
  lines(): string[] {
    return [...this.series.values()].map((s) => `${this.name}${labelText(s.labels)} ${s.value.n}`);
  }
}

export class Histogram extends Metric<{ counts: number[]; sum: number; count: number }> {
  constructor(
    name: string,
    help: string,
    private readonly buckets: readonly number[],
  ) {
    super(name, help, 'histogram');
  }
  observe(labels: Labels, value: number): void {
    const s = this.at(labels, () => ({ counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    const i = this.buckets.findIndex((upper) => value <= upper);
    if (i >= 0) s.counts[i] = (s.counts[i] ?? 0) + 1;
    s.sum += value;
    s.count += 1;
  }
  lines(): string[] {
    const out: string[] = [];
    for (const { labels, value } of this.series.values()) {
      let cumulative = 0;
      this.buckets.forEach((upper, i) => {
        cumulative += value.counts[i] ?? 0;
        out.push(`${this.name}_bucket${labelText({ ...labels, le: String(upper) })} ${cumulative}`);
      });
      out.push(`${this.name}_bucket${labelText({ ...labels, le: '+Inf' })} ${value.count}`);
      out.push(`${this.name}_sum${labelText(labels)} ${value.sum}`);
      out.push(`${this.name}_count${labelText(labels)} ${value.count}`);
    }
    return out;
  }
}

/** A value read at scrape time (memory, uptime). */
export class Gauge extends Metric<number> {
  constructor(
    name: string,
    help: string,
    private readonly read: () => number,
  ) {
    super(name, help, 'gauge');
  }
  lines(): string[] {
    return [`${this.name} ${this.read()}`];
  }
}

export class Registry {
  private readonly metrics: Exposed[] = [];

  add<M extends Exposed>(metric: M): M {
    this.metrics.push(metric);
    return metric;
  }

  render(): string {
    const out: string[] = [];
    for (const m of this.metrics) {
      out.push(`# HELP ${m.name} ${m.help}`, `# TYPE ${m.name} ${m.type}`, ...m.lines());
    }
    return out.join('\n') + '\n';
  }
}

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
