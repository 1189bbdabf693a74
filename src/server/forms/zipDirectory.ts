/**
 * The list of files a ZIP archive (an .xlsx) says it holds, read from its central directory without
 * inflating anything (APPNOTE.TXT 4.3.12 to 4.3.16, and the ZIP64 records of 4.3.14 and 4.5.3): enough to
 * refuse a "zip bomb", a small file that unpacks to gigabytes, before spending any memory on it.
 */
export interface ZipEntry {
  name: string;
  compressedSize: number;
  /** What the entry says it unpacks to. A forged archive may lie: the reader runs with a memory limit too. */
  uncompressedSize: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const MAX_COMMENT = 0xffff;

/** The entries, or null when the bytes hold no readable central directory (a damaged or truncated file). */
export function zipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  const fits = (at: number, length: number) => at >= 0 && at + length <= bytes.byteLength;

  // The end record is the last thing in the file, followed only by a comment of at most 64 KiB.
  let end = -1;
  for (let at = bytes.byteLength - 22; at >= Math.max(0, bytes.byteLength - 22 - MAX_COMMENT); at -= 1) {
    if (u32(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  let count = u16(end + 10);
  let offset = u32(end + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (!fits(locator, 20) || u32(locator) !== ZIP64_LOCATOR) return null;
    const record = u64(locator + 8);
    if (!fits(record, 56) || u32(record) !== ZIP64_EOCD) return null;
    count = u64(record + 32);
    offset = u64(record + 48);
  }

  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i += 1) {
    if (!fits(at, 46) || u32(at) !== CENTRAL) return null;
    let compressedSize = u32(at + 20);
    let uncompressedSize = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    if (!fits(at + 46, nameLength + extraLength)) return null;
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // ZIP64: sizes of 0xFFFFFFFF are in the extra field 0x0001, uncompressed first, each only if so marked.
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff) {
      let field = at + 46 + nameLength;
      const fieldsEnd = field + extraLength;
      while (field + 4 <= fieldsEnd) {
        const id = u16(field);
        const size = u16(field + 2);
        if (id === 0x0001) {
          let value = field + 4;
          if (uncompressedSize === 0xffffffff && value + 8 <= fieldsEnd) {
            uncompressedSize = u64(value);
            value += 8;
          }
          if (compressedSize === 0xffffffff && value + 8 <= fieldsEnd) compressedSize = u64(value);
          break;
        }
        field += 4 + size;
      }
    }
    entries.push({ name, compressedSize, uncompressedSize });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
