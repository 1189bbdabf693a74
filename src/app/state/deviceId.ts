const KEY = 'terrain-device-id';

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * XLSForm's `deviceid`: one id per browser, kept in localStorage, prefixed like ODK Collect's
 * `collect:…` and Enketo's `enketo.org:…` so exports tell where a submission was filled. Undefined when
 * the browser keeps nothing (private mode): the field then stays empty, as on a device without id.
 */
export function deviceId(
  storage: KeyValueStore | null = globalThis.localStorage ?? null,
): string | undefined {
  if (!storage) return undefined;
  try {
    const kept = storage.getItem(KEY);
    if (kept) return kept;
    const id = `terrain:${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
    storage.setItem(KEY, id);
    return id;
  } catch {
    return undefined;
  }
}
