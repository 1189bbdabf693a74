import type { SealedTable } from './sealedTables';

/**
 * One row sealed: its allowed fields stay as they are (so indexes and queries work), every other field goes,
 * as JSON (and a Blob's bytes after it), into one AES-GCM ciphertext under the user's data key, stored in
 * the row as `$sealed`:
 *
 *     $sealed = version (1 byte) || iv (12 bytes) || AES-GCM(data key, len (4 bytes) || json || blob bytes)
 *
 * The additional authenticated data is the table's name and the row's clear fields, so a ciphertext moved to
 * another row or table, or a clear field changed (a status, a project id), fails to open like a changed byte
 * of the ciphertext: tampering is detected, never read as data.
 */
export const SEALED_FIELD = '$sealed';
const VERSION = 1;
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

function additionalData(table: string, spec: SealedTable, row: Row): Uint8Array<ArrayBuffer> {
  const clear = spec.plain.filter((f) => row[f] !== undefined).map((f) => [f, row[f]]);
  return new TextEncoder().encode(JSON.stringify([table, clear]));
}

export async function sealRow(key: CryptoKey, table: string, spec: SealedTable, value: Row): Promise<Row> {
  const row: Row = {};
  const secret: Row = {};
  for (const [field, v] of Object.entries(value)) {
    if (spec.plain.includes(field)) row[field] = v;
    else if (v !== undefined) secret[field] = v;
  }
  let tail = new Uint8Array(0);
  const blob = spec.blob === undefined ? undefined : secret[spec.blob];
  if (spec.blob !== undefined && blob instanceof Blob) {
    tail = new Uint8Array(await blob.arrayBuffer());
    secret[spec.blob] = { [BLOB_MARK]: blob.type };
  }
  const json = new TextEncoder().encode(JSON.stringify(secret));
  const plaintext = new Uint8Array(4 + json.length + tail.length);
  new DataView(plaintext.buffer).setUint32(0, json.length);
  plaintext.set(json, 4);
  plaintext.set(tail, 4 + json.length);

  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(table, spec, row) },
    key,
    plaintext,
  );
  const sealed = new Uint8Array(1 + IV_BYTES + ciphertext.byteLength);
  sealed[0] = VERSION;
  sealed.set(iv, 1);
  sealed.set(new Uint8Array(ciphertext), 1 + IV_BYTES);
  row[SEALED_FIELD] = sealed;
  return row;
}

export async function openRow(key: CryptoKey, table: string, spec: SealedTable, stored: Row): Promise<Row> {
  const { [SEALED_FIELD]: sealedBytes, ...row } = stored;
  const sealed = sealedBytes as Uint8Array<ArrayBuffer> | undefined;
  if (!(sealed instanceof Uint8Array) || sealed[0] !== VERSION)
    throw new UnsealError(`A ${table} row is not in a sealed format this app knows`);
  let plaintext: Uint8Array<ArrayBuffer>;
  try {
    plaintext = new Uint8Array(
      await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: sealed.subarray(1, 1 + IV_BYTES),
          additionalData: additionalData(table, spec, row),
        },
        key,
        sealed.subarray(1 + IV_BYTES),
      ),
    );
  } catch {
    throw new UnsealError(`A ${table} row does not open with this key: it was changed, or is another's`);
  }
  const length = new DataView(plaintext.buffer, plaintext.byteOffset).getUint32(0);
  const secret = JSON.parse(new TextDecoder().decode(plaintext.subarray(4, 4 + length))) as Row;
  if (spec.blob !== undefined) {
    const mark = secret[spec.blob];
    if (typeof mark === 'object' && mark !== null && BLOB_MARK in mark)
      secret[spec.blob] = new Blob([plaintext.subarray(4 + length)], { type: String(mark[BLOB_MARK]) });
  }
  return { ...row, ...secret };
}
