import { createHash } from 'node:crypto';

/** Text is hashed in slices of about this many characters rather than token by token. */
const FLUSH_AT = 64 * 1024;

type Work = { text: string } | { value: unknown };

/**
 * The UTF-8 size and hex SHA-256 of `JSON.stringify(value)` for a value read from JSON, computed with an
 * explicit stack instead of recursion and without building the whole text: it answers for a value nested
 * 10,000 deep, on which JSON.stringify overflows the call stack.
 */
export function jsonDigest(value: unknown): { bytes: number; sha256: string } {
  const hash = createHash('sha256');
  let bytes = 0;
  let pending = '';
  const emit = (text: string) => {
    pending += text;
    if (pending.length < FLUSH_AT) return;
    bytes += Buffer.byteLength(pending);
    hash.update(pending, 'utf8');
    pending = '';
  };

  const stack: Work[] = [{ value }];
  for (let work = stack.pop(); work !== undefined; work = stack.pop()) {
    if ('text' in work) {
      emit(work.text);
      continue;
    }
    const v = work.value;
    if (typeof v === 'string') emit(JSON.stringify(v));
    else if (typeof v === 'number') emit(Number.isFinite(v) ? String(v) : 'null');
    else if (typeof v === 'boolean') emit(v ? 'true' : 'false');
    else if (Array.isArray(v)) {
      emit('[');
      const items: Work[] = [];
      v.forEach((item: unknown, i) => {
        if (i > 0) items.push({ text: ',' });
        items.push({ value: item });
      });
      stack.push({ text: ']' }, ...items.reverse());
    } else if (v !== null && typeof v === 'object') {
      emit('{');
      const items: Work[] = [];
      Object.entries(v)
        .filter(([, item]) => isJsonValue(item))
        .forEach(([key, item], i) => {
          items.push({ text: `${i > 0 ? ',' : ''}${JSON.stringify(key)}:` }, { value: item });
        });
      stack.push({ text: '}' }, ...items.reverse());
    } else {
      // null, and in an array what JSON.stringify writes as null (undefined, functions, symbols).
      emit('null');
    }
  }
  bytes += Buffer.byteLength(pending);
  hash.update(pending, 'utf8');
  return { bytes, sha256: hash.digest('hex') };
}

/** What JSON.stringify keeps as an object member. */
function isJsonValue(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}
