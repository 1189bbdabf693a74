import type { SealedTable } from './sealedTables';

/**
 * One row sealed: its allowed fields stay as they are (so indexes and queries work), every other field goes,
 * as JSON (and a Blob's bytes after it), into one AES-GCM ciphertext under the user's data key, stored in
 * the row as `$sealed`:
 *
 *     $sealed = format (1 byte) || iv (12 bytes) || AES-GCM(data key, plaintext)
 *     plaintext = json                                  (format 1)
 *               | length of json (4 bytes) || json || blob bytes   (format 2, rows with a Blob)
 *
 * The additional authenticated data is the table's name and the row's clear fields, so a ciphertext moved to
 * another row or table, or a clear field changed (a status, a project id), fails to open like a changed byte
 * of the ciphertext: tampering is detected, never read as data.
 */
export const SEALED_FIELD = '$sealed';
const JSON_ONLY = 1;
const WITH_BLOB = 2;
const IV_BYTES = 12;
const BLOB_MARK = '$blob';

type Row = Record<string, unknown>;

/** Raised when a sealed row does not open: a wrong key, or a changed byte. */
export class UnsealError extends Error {
  override name = 'UnsealError';
}

export function isSealed(row: unknown): row is Row & { [SEALED_FIELD]: Uint8Array<ArrayBuffer> } {
  return typeof row === 'object' && row !== null && SEALED_FIELD in row;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const plainSets = new WeakMap<SealedTable, Set<string>>();
const plainOf = (spec: SealedTable) => {
  let set = plainSets.get(spec);
  if (!set) plainSets.set(spec, (set = new Set(spec.plain)));
  return set;
};

/**
 * The clear fields, in the order the row keeps them (IndexedDB keeps a row's property order; JSON leaves
 * out undefined ones on both sides).
 */
const additionalData = (table: string, clear: Row) => encoder.encode(JSON.stringify([table, clear]));

/** Random IVs drawn a batch at a time: one call for hundreds of rows instead of one per row. */
let ivPool = new Uint8Array(0);
let ivUsed = 0;
function nextIv(): Uint8Array<ArrayBuffer> {
  if (ivUsed + IV_BYTES > ivPool.length) {
    ivPool = crypto.getRandomValues(new Uint8Array(IV_BYTES * 256));
    ivUsed = 0;
  }
  ivUsed += IV_BYTES;
  return ivPool.slice(ivUsed - IV_BYTES, ivUsed);
}

export async function sealRow(key: CryptoKey, table: string, spec: SealedTable, value: Row): Promise<Row> {
  const plain = plainOf(spec);
  const row: Row = {};
  const secret: Row = {};
  for (const field in value) {
    const v = value[field];
    if (plain.has(field)) row[field] = v;
    else if (v !== undefined) secret[field] = v;
  }
  let plaintext: Uint8Array<ArrayBuffer>;
  let format = JSON_ONLY;
  const blob = spec.blob === undefined ? undefined : secret[spec.blob];
  if (spec.blob !== undefined && blob instanceof Blob) {
    const tail = new Uint8Array(await blob.arrayBuffer());
    secret[spec.blob] = { [BLOB_MARK]: blob.type };
    const json = encoder.encode(JSON.stringify(secret));
    plaintext = new Uint8Array(4 + json.length + tail.length);
    new DataView(plaintext.buffer).setUint32(0, json.length);
    plaintext.set(json, 4);
    plaintext.set(tail, 4 + json.length);
    format = WITH_BLOB;
  } else {
    plaintext = encoder.encode(JSON.stringify(secret));
  }

  const iv = nextIv();
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(table, row) },
    key,
    plaintext,
  );
  const sealed = new Uint8Array(1 + IV_BYTES + ciphertext.byteLength);
  sealed[0] = format;
  sealed.set(iv, 1);
  sealed.set(new Uint8Array(ciphertext), 1 + IV_BYTES);
  row[SEALED_FIELD] = sealed;
  return row;
}

export async function openRow(key: CryptoKey, table: string, spec: SealedTable, stored: Row): Promise<Row> {
  const row: Row = {};
  // `$`-fields are the vault's (the sealed part, the server's envelope: ./serverSeal.ts), not the row's.
  for (const field in stored) if (!field.startsWith('$')) row[field] = stored[field];
  const sealed = stored[SEALED_FIELD] as Uint8Array<ArrayBuffer> | undefined;
  const format = sealed instanceof Uint8Array ? sealed[0] : undefined;
  if (format !== JSON_ONLY && format !== WITH_BLOB)
    throw new UnsealError(`A ${table} row is not in a sealed format this app knows`);
  let plaintext: Uint8Array<ArrayBuffer>;
  try {
    plaintext = new Uint8Array(
      await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: sealed!.subarray(1, 1 + IV_BYTES),
          additionalData: additionalData(table, row),
        },
        key,
        sealed!.subarray(1 + IV_BYTES),
      ),
    );
  } catch {
    throw new UnsealError(`A ${table} row does not open with this key: it was changed, or is another's`);
  }
  if (format === JSON_ONLY) return Object.assign(row, JSON.parse(decoder.decode(plaintext)) as Row);
  const length = new DataView(plaintext.buffer, plaintext.byteOffset).getUint32(0);
  const secret = JSON.parse(decoder.decode(plaintext.subarray(4, 4 + length))) as Row;
  const mark = spec.blob === undefined ? undefined : secret[spec.blob];
  if (spec.blob !== undefined && typeof mark === 'object' && mark !== null && BLOB_MARK in mark)
    secret[spec.blob] = new Blob([plaintext.subarray(4 + length)], { type: String(mark[BLOB_MARK]) });
  return Object.assign(row, secret);
}
