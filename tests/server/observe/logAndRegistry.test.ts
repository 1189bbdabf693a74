import { describe, expect, it } from 'vitest';
import { createLogger, logLevelFromEnv } from '../../../src/server/observe/log';
import { Counter, Histogram, Registry } from '../../../src/server/observe/registry';

describe('the JSON logger', () => {
  it('writes one object per line, time, level and msg first, at or above its level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', write: (l) => lines.push(l), now: () => new Date(0) });
    log.debug('hidden');
    log.info('request', { status: 200, msg: 'not overwritten' });
    log.error('boom');
    expect(lines).toEqual([
      '{"time":"1970-01-01T00:00:00.000Z","level":"info","msg":"request","status":200}',
      '{"time":"1970-01-01T00:00:00.000Z","level":"error","msg":"boom"}',
    ]);
  });

  it('reads LOG_LEVEL', () => {
    expect(logLevelFromEnv(undefined)).toBe('info');
    expect(logLevelFromEnv('WARN')).toBe('warn');
    expect(() => logLevelFromEnv('verbose')).toThrow(/LOG_LEVEL/);
  });
});

describe('the metrics registry', () => {
  it('renders counters and cumulative histograms in Prometheus text format', () => {
    const registry = new Registry();
    const c = registry.add(new Counter('x_total', 'Xs.'));
    const h = registry.add(new Histogram('y_seconds', 'Ys.', [0.1, 1]));
    c.inc({ route: '/a/"b"\\' });
    c.inc({ route: '/a/"b"\\' }, 2);
    h.observe({ route: '/a' }, 0.05);
    h.observe({ route: '/a' }, 0.5);
    h.observe({ route: '/a' }, 5);
    expect(registry.render()).toBe(
      [
        '# HELP x_total Xs.',
        '# TYPE x_total counter',
        'x_total{route="/a/\\"b\\"\\\\"} 3',
        '# HELP y_seconds Ys.',
        '# TYPE y_seconds histogram',
        'y_seconds_bucket{route="/a",le="0.1"} 1',
        'y_seconds_bucket{route="/a",le="1"} 2',
        'y_seconds_bucket{route="/a",le="+Inf"} 3',
        'y_seconds_sum{route="/a"} 5.55',
        'y_seconds_count{route="/a"} 3',
        '',
      ].join('\n'),
    );
  });
});
