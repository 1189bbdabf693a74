import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_THROTTLE,
  ADDRESS_THROTTLE,
  addFailure,
  freshThrottle,
  lockDurationMs,
  lockRemainingMs,
  retryAfterSeconds,
  type ThrottleState,
} from '../../../src/server/auth/throttlePolicy';

const START = new Date('2026-12-06T08:00:00.000Z');

describe('the sign-in throttle policy', () => {
  it('writes its numbers down: 5 per account, 50 per address, 1 minute doubling to an hour', () => {
    expect([ACCOUNT_THROTTLE.maxFailures, ADDRESS_THROTTLE.maxFailures]).toEqual([5, 50]);
    expect([0, 1, 2, 5, 6, 7, 100].map((level) => lockDurationMs(level, ACCOUNT_THROTTLE) / 1000)).toEqual([
      60, 120, 240, 1920, 3600, 3600, 3600,
    ]);
  });

  it('never locks for longer than the cap, never grants more failures than the limit between locks', () => {
    // Any sequence of failures at any pace: each lock follows exactly maxFailures counted failures, and
    // lasts between the first lock and the cap.
    fc.assert(
      fc.property(
        fc.constantFrom(ACCOUNT_THROTTLE, ADDRESS_THROTTLE),
        fc.array(fc.integer({ min: 0, max: 30 * 3600_000 }), { maxLength: 200 }),
        (policy, gaps) => {
          let state: ThrottleState = freshThrottle('account:x', START);
          let at = START.getTime();
          let sinceLock = 0;
          let lastCounted = at;
          for (const gap of gaps) {
            at += gap;
            const now = new Date(at);
            if (lockRemainingMs(state, now) > 0) continue; // refused: not counted
            const next = addFailure(state, policy, now);
            sinceLock = at - lastCounted > policy.windowMs ? 1 : sinceLock + 1;
            lastCounted = at;
            expect(sinceLock).toBeLessThanOrEqual(policy.maxFailures);
            if (next.lockedMs !== null) {
              expect(sinceLock).toBe(policy.maxFailures);
              expect(next.lockedMs).toBeGreaterThanOrEqual(policy.firstLockMs);
              expect(next.lockedMs).toBeLessThanOrEqual(policy.maxLockMs);
              expect(lockRemainingMs(next.state, now)).toBe(next.lockedMs);
              sinceLock = 0;
            }
            state = next.state;
          }
        },
      ),
    );
  });

  it('forgets the lock level after a quiet day', () => {
    let state = freshThrottle('account:x', START);
    for (let i = 0; i < 5; i += 1) state = addFailure(state, ACCOUNT_THROTTLE, START).state;
    expect(state.level).toBe(1);
    const nextDay = new Date(START.getTime() + 25 * 3600_000);
    for (let i = 0; i < 4; i += 1) state = addFailure(state, ACCOUNT_THROTTLE, nextDay).state;
    expect(addFailure(state, ACCOUNT_THROTTLE, nextDay).lockedMs).toBe(60_000);
  });

  it('announces whole seconds, rounded up', () => {
    expect([1, 999, 1000, 1001, 59_500].map(retryAfterSeconds)).toEqual([1, 1, 1, 2, 60]);
  });
});
