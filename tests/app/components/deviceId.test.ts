import { describe, expect, it } from 'vitest';
import { deviceId } from '../../../src/app/state/deviceId';

function memoryStore() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  };
}

describe('deviceid', () => {
  it('is made once per browser and kept', () => {
    const store = memoryStore();
    const first = deviceId(store);
    expect(first).toMatch(/^terrain:[0-9a-f]{16}$/);
    expect(deviceId(store)).toBe(first);
    expect(deviceId(memoryStore())).not.toBe(first);
  });

  it('is undefined when the browser keeps nothing', () => {
    expect(deviceId(null)).toBeUndefined();
    const failing = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(deviceId(failing)).toBeUndefined();
  });
});
