import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockDriftError, HlcClock, clampHlc, compareHlc, decodeHlc, encodeHlc } from '../../src/core/hlc';

describe('hybrid logical clock', () => {
  it('round-trips its encoding and sorts by wall, then counter, then node', () => {
    fc.assert(
      fc.property(
        fc.record({
          wall: fc.nat(2 ** 48),
          counter: fc.nat(99_999),
          node: fc.stringMatching(/^[a-z0-9]{1,12}$/),
        }),
        fc.record({
          wall: fc.nat(2 ** 48),
          counter: fc.nat(99_999),
          node: fc.stringMatching(/^[a-z0-9]{1,12}$/),
        }),
        (a, b) => {
          expect(decodeHlc(encodeHlc(a))).toEqual(a);
          const expected =
            a.wall !== b.wall ? a.wall - b.wall : a.counter !== b.counter ? a.counter - b.counter : 0;
          const actual = compareHlc(encodeHlc(a), encodeHlc(b));
          if (expected !== 0) expect(Math.sign(actual)).toBe(Math.sign(expected));
        },
      ),
    );
  });

  it('ticks strictly upward even when the wall clock stands still or goes back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 200 }),
        (steps) => {
          let time = 1_700_000_000_000;
          const clock = new HlcClock('device1', () => time);
          let previous = '';
          for (const step of steps) {
            time += step;
            const next = clock.tick();
            expect(compareHlc(next, previous)).toBe(1);
            previous = next;
          }
        },
      ),
    );
  });

  it('after receiving a remote timestamp, the next local event sorts after it', () => {
    fc.assert(
      fc.property(
        fc.nat(60_000),
        fc.nat(99_998),
        fc.integer({ min: -60_000, max: 60_000 }),
        (skew, counter, local) => {
          const now = 1_700_000_000_000;
          const clock = new HlcClock('a', () => now + local);
          const remote = encodeHlc({ wall: now + skew, counter, node: 'b' });
          clock.receive(remote);
          expect(compareHlc(clock.tick(), remote)).toBe(1);
        },
      ),
    );
  });

  it('refuses a remote clock too far ahead, and the server clamps it', () => {
    const now = 1_700_000_000_000;
    const clock = new HlcClock('a', () => now, 60_000);
    const future = encodeHlc({ wall: now + 3_600_000, counter: 0, node: 'b' });
    expect(() => clock.receive(future)).toThrow(ClockDriftError);
    expect(decodeHlc(clampHlc(future, now, 60_000)).wall).toBe(now + 60_000);
    const fine = encodeHlc({ wall: now + 1000, counter: 3, node: 'b' });
    expect(clampHlc(fine, now, 60_000)).toBe(fine);
  });

  it('rejects malformed timestamps and node ids', () => {
    expect(() => decodeHlc('yesterday')).toThrow();
    expect(() => new HlcClock('bad node!')).toThrow();
  });
});
