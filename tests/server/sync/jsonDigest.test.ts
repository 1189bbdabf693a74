import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonDigest } from '../../../src/server/sync/jsonDigest';

const digestOf = (text: string) => ({
  bytes: Buffer.byteLength(text),
  sha256: createHash('sha256').update(text).digest('hex'),
});

describe('jsonDigest', () => {
  it('is the size and SHA-256 of JSON.stringify for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(jsonDigest(value)).toEqual(digestOf(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });

  it('writes what JSON.stringify writes for undefined members and array holes', () => {
    const value = { a: undefined, b: [undefined, 1, 'é\u{1F600}'], c: { d: null } };
    expect(jsonDigest(value)).toEqual(digestOf(JSON.stringify(value)));
  });

  it('answers for a value nested 100,000 deep, where JSON.stringify overflows', () => {
    let value: unknown = 'bottom';
    for (let i = 0; i < 100_000; i += 1) value = i % 2 ? { a: value } : [value];
    expect(() => JSON.stringify(value)).toThrow(RangeError);
    const text = '{"a":['.repeat(50_000) + '"bottom"' + ']}'.repeat(50_000);
    expect(jsonDigest(value)).toEqual(digestOf(text));
  });
});
