/**
 * Hybrid logical clock (Kulkarni et al.), encoded as a string that sorts lexicographically in causal order:
 * `<wall ms, 15 digits>:<counter, 5 digits>:<node>`. Two encoded clocks compare with plain `<`.
 *
 * Tie-break: equal wall and counter fall back to the node id, so every replica orders the same two
 * events the same way.
 *
 * A clock never trusts a remote time far ahead of its own wall clock: `receive` refuses it (the device keeps
 * working on its own time) and the server `clamp`s it, so one tablet with a wrong date cannot win every
 * last-writer-wins merge for years.
 */
export interface Hlc {
  wall: number;
  counter: number;
  node: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 5;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
export const HLC_PATTERN = /^\d{15}:\d{5}:[A-Za-z0-9_-]{1,64}$/;
/** How far ahead of local time a remote clock may be before it is refused or clamped. */
export const DEFAULT_MAX_DRIFT_MS = 5 * 60 * 1000;

export class ClockDriftError extends Error {
  constructor(
    readonly remote: string,
    readonly driftMs: number,
  ) {
    super(`Remote clock ${remote} is ${driftMs} ms ahead of local time`);
    this.name = 'ClockDriftError';
  }
}

export function encodeHlc({ wall, counter, node }: Hlc): string {
  return `${String(wall).padStart(WALL_DIGITS, '0')}:${String(counter).padStart(COUNTER_DIGITS, '0')}:${node}`;
}

export function decodeHlc(value: string): Hlc {
  if (!HLC_PATTERN.test(value)) throw new Error(`Not a hybrid logical clock: ${value}`);
  const [wall, counter, node] = value.split(':') as [string, string, string];
  return { wall: Number(wall), counter: Number(counter), node };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The latest wall time a clock may adopt from elsewhere: anything later is clamped to it. */
export function clampHlc(remote: string, now: number, maxDriftMs = DEFAULT_MAX_DRIFT_MS): string {
  const h = decodeHlc(remote);
  if (h.wall <= now + maxDriftMs) return remote;
  return encodeHlc({ wall: now + maxDriftMs, counter: h.counter, node: h.node });
}

export class HlcClock {
  private last: Hlc;

  constructor(
    readonly node: string,
    private readonly now: () => number = () => Date.now(),
    private readonly maxDriftMs = DEFAULT_MAX_DRIFT_MS,
    last?: string,
  ) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(node)) throw new Error(`Invalid clock node id: ${node}`);
    this.last = last ? { ...decodeHlc(last), node } : { wall: 0, counter: 0, node };
  }

  /** A timestamp for a local event, strictly greater than every timestamp this clock has produced or seen. */
  tick(): string {
    const physical = this.now();
    if (physical > this.last.wall) this.last = { wall: physical, counter: 0, node: this.node };
    else this.last = this.bump(this.last.wall, this.last.counter + 1);
    return encodeHlc(this.last);
  }

  /** Merge a remote timestamp so later local events sort after it. Throws ClockDriftError if too far ahead. */
  receive(remote: string): string {
    const r = decodeHlc(remote);
    const physical = this.now();
    if (r.wall > physical + this.maxDriftMs) throw new ClockDriftError(remote, r.wall - physical);
    const wall = Math.max(physical, this.last.wall, r.wall);
    let counter = 0;
    if (wall === this.last.wall && wall === r.wall) counter = Math.max(this.last.counter, r.counter) + 1;
    else if (wall === this.last.wall) counter = this.last.counter + 1;
    else if (wall === r.wall) counter = r.counter + 1;
    this.last = this.bump(wall, counter);
    return encodeHlc(this.last);
  }

  private bump(wall: number, counter: number): Hlc {
    // The counter only overflows after 100,000 events within one millisecond: borrow the next millisecond.
    if (counter > MAX_COUNTER) return { wall: wall + 1, counter: 0, node: this.node };
    return { wall, counter, node: this.node };
  }
}
