/** Latency figures of a load run: nearest-rank percentiles over every recorded request, by kind. */

/** The nearest-rank percentile `p` (0–100) of `values` (any order); NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** What a run's devices asked: sign-in, device registration, pull pages, pushes, photo HEAD and chunks. */
export type RequestKind = 'login' | 'register' | 'pull' | 'push' | 'media_head' | 'media_chunk';

export class LatencyLog {
  readonly byKind = new Map<RequestKind, number[]>();
  errors = 0;
  /** The first few errors, to say what went wrong. */
  readonly errorSamples: string[] = [];

  record(kind: RequestKind, ms: number): void {
    const list = this.byKind.get(kind) ?? [];
    list.push(ms);
    this.byKind.set(kind, list);
  }

  error(what: string): void {
    this.errors += 1;
    if (this.errorSamples.length < 5) this.errorSamples.push(what);
  }

  count(): number {
    let n = 0;
    for (const list of this.byKind.values()) n += list.length;
    return n;
  }

  /** Latencies of the given kinds together (all kinds by default). */
  of(...kinds: RequestKind[]): number[] {
    const wanted = kinds.length ? kinds : [...this.byKind.keys()];
    return wanted.flatMap((k) => this.byKind.get(k) ?? []);
  }
}
