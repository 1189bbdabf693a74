import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../../src/core/hlc';
import {
  ClientPushResponse,
  PullQuery,
  PushRequest,
  PushResponse,
  rejectCodeFor,
} from '../../../src/core/sync/protocol';

const mutation = (seq: number) => ({
  mutationId: crypto.randomUUID(),
  clientId: 'tablet-0001',
  seq,
  hlc: encodeHlc({ wall: 1_700_000_000_000 + seq, counter: 0, node: 'tablet-0001' }),
  table: 'submissions',
  id: `s${seq}`,
  op: 'put' as const,
  fields: {},
});

describe('sync protocol', () => {
  it('accepts a batch of consecutive seqs from one client', () => {
    const parsed = PushRequest.parse({
      clientId: 'tablet-0001',
      mutations: [mutation(4), mutation(5), mutation(6)],
    });
    expect(parsed.protocol).toBe(1);
  });

  it('refuses gaps inside a batch and mutations of another client', () => {
    expect(
      PushRequest.safeParse({ clientId: 'tablet-0001', mutations: [mutation(1), mutation(3)] }).success,
    ).toBe(false);
    const foreign = { ...mutation(1), clientId: 'tablet-0002' };
    expect(PushRequest.safeParse({ clientId: 'tablet-0001', mutations: [foreign] }).success).toBe(false);
    expect(PushRequest.safeParse({ clientId: 'tablet-0001', mutations: [] }).success).toBe(false);
  });

  it('refuses a malformed clock or id', () => {
    expect(
      PushRequest.safeParse({ clientId: 'tablet-0001', mutations: [{ ...mutation(1), hlc: 'now' }] }).success,
    ).toBe(false);
    expect(
      PushRequest.safeParse({ clientId: 'x', mutations: [{ ...mutation(1), clientId: 'x' }] }).success,
    ).toBe(false);
  });

  it('reads pull queries from strings with defaults and bounds', () => {
    expect(PullQuery.parse({})).toEqual({ cursor: 0, limit: 1000, protocol: 1 });
    expect(PullQuery.parse({ cursor: '42', limit: '10', protocol: '3' })).toEqual({
      cursor: 42,
      limit: 10,
      protocol: 3,
    });
    expect(PullQuery.safeParse({ limit: '5000' }).success).toBe(false);
    expect(PullQuery.safeParse({ cursor: '-1' }).success).toBe(false);
  });

  it('types each mutation result by its status', () => {
    const id = crypto.randomUUID();
    const response = PushResponse.parse({
      lastSeq: 3,
      results: [
        { mutationId: id, seq: 1, status: 'applied', serverSeq: 10 },
        { mutationId: id, seq: 2, status: 'duplicate' },
        { mutationId: id, seq: 3, status: 'rejected', code: 'validation', message: 'bad', details: [] },
      ],
    });
    expect(response.results.map((r) => r.status)).toEqual(['applied', 'duplicate', 'rejected']);
    expect(
      PushResponse.safeParse({ lastSeq: 1, results: [{ mutationId: id, seq: 1, status: 'rejected' }] })
        .success,
    ).toBe(false);
  });
});

describe('reject codes across versions', () => {
  it('sends codes newer than version 3 to version 4 clients only', () => {
    expect(rejectCodeFor('in_use', 4)).toBe('in_use');
    for (const protocol of [1, 2, 3]) expect(rejectCodeFor('in_use', protocol)).toBe('forbidden');
    expect(rejectCodeFor('immutable', 1)).toBe('immutable');
  });

  it('reads a rejection with a code this version does not know, and refuses a malformed one', () => {
    const answer = {
      lastSeq: 2,
      results: [
        { seq: 1, status: 'applied', serverSeq: 9 },
        { seq: 2, status: 'rejected', code: 'some_future_code', message: 'Non', details: { n: 1 } },
      ],
    };
    expect(PushResponse.safeParse(answer).success).toBe(false);
    expect(ClientPushResponse.parse(answer).results[1]).toEqual(answer.results[1]);
    expect(
      ClientPushResponse.safeParse({ lastSeq: 1, results: [{ seq: 1, status: 'rejected' }] }).success,
    ).toBe(false);
  });
});
