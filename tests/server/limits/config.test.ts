import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, LimitConfigError, limitsFromEnv } from '../../../src/server/limits/config';

describe('limits from the environment', () => {
  it('takes the defaults when nothing is set', () => {
    expect(limitsFromEnv({})).toEqual(DEFAULT_LIMITS);
  });

  it('reads every variable in its unit; 0 turns a request limit off', () => {
    expect(
      limitsFromEnv({
        RATE_LIMIT_WINDOW_SECONDS: '30',
        RATE_LIMIT_PUSH: '0',
        RATE_LIMIT_MEDIA: '50',
        RATE_LIMIT_EXPORT: ' 5 ',
        RATE_LIMIT_PUBLIC: '7',
        REJECTED_PAYLOAD_MAX_KB: '16',
        REJECTED_PAYLOADS_PER_DEVICE: '10',
        REJECTED_PAYLOADS_PER_USER: '20',
        UPLOAD_TTL_HOURS: '48',
        CLEANUP_INTERVAL_MINUTES: '15',
      }),
    ).toEqual({
      rate: { windowMs: 30_000, push: 0, media: 50, export: 5, public: 7 },
      rejected: { maxPayloadBytes: 16 * 1024, perDevice: 10, perUser: 20 },
      uploadTtlMs: 48 * 3_600_000,
      cleanupIntervalMs: 15 * 60_000,
    });
  });

  it('stops the server on a value that is not a whole number, rather than run unprotected', () => {
    expect(() => limitsFromEnv({ RATE_LIMIT_PUSH: 'lots' })).toThrow(LimitConfigError);
    expect(() => limitsFromEnv({ UPLOAD_TTL_HOURS: '1.5' })).toThrow(/UPLOAD_TTL_HOURS/);
    expect(() => limitsFromEnv({ RATE_LIMIT_WINDOW_SECONDS: '0' })).toThrow(/above 0/);
  });
});
