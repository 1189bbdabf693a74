import * as XLSX from '@e965/xlsx';
import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Hostile form files for the upload tests (issue 11, hole 8): a valid XLSForm whose zip also holds a part
 * that inflates to `unpackedBytes` of zeros (a "zip bomb", built without ever holding those bytes), and
 * forms with too many rows.
 */

export interface Part {
  name: string;
  method: 0 | 8;
  data: Buffer;
  crc: number;
  size: number;
}

/** A ZIP of the parts as given (stored, or raw deflate with its size and CRC), no data descriptors. */
export function writeZip(parts: readonly Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const common = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at);
      header.writeUInt16LE(0x0800, at + 2);
      header.writeUInt16LE(part.method, at + 4);
      header.writeUInt32LE(0, at + 6);
      header.writeUInt32LE(part.crc >>> 0, at + 10);
      header.writeUInt32LE(part.data.length, at + 14);
      header.writeUInt32LE(part.size, at + 18);
      header.writeUInt16LE(name.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    common(central, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.data);
    centrals.push(central, name);
    offset += local.length + name.length + part.data.length;
  }
  const size = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

const MIB = 1024 * 1024;

/** SheetJS's own zip reader (XLSX.CFB), untyped in its declarations. */
interface CfbReader {
  read(
    data: Uint8Array,
    options: { type: 'buffer' },
  ): { FullPaths: string[]; FileIndex: { type: number; content?: Uint8Array }[] };
}

/**
 * `mib` MiB of zeros as one raw deflate stream, about a thousandth of that size: the same sync-flushed
 * block repeated (each refers only to its own bytes), then a final empty block.
 */
export function deflatedZeros(mib: number): { data: Buffer; crc: number; size: number } {
  const zeros = Buffer.alloc(MIB);
  const block = deflateRawSync(zeros, { finishFlush: constants.Z_SYNC_FLUSH, level: 9 });
  let crc = 0;
  for (let i = 0; i < mib; i += 1) crc = crc32(zeros, crc);
  const blocks = Array.from({ length: mib }, () => block);
  return { data: Buffer.concat([...blocks, deflateRawSync(Buffer.alloc(0))]), crc, size: mib * MIB };
}

/** A small valid XLSForm (.xlsx) with the given survey rows. */
export function xlsxForm(rows: string[][]): Buffer {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'survey');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

/** A valid XLSForm whose zip also holds `mib` MiB of zeros, compressed about a thousandfold. */
export function zipBomb(mib: number): Buffer {
  const form = xlsxForm([
    ['type', 'name', 'label'],
    ['text', 'village', 'Village'],
  ]);
  const cfb = (XLSX.CFB as CfbReader).read(form, { type: 'buffer' });
  const parts: Part[] = [];
  cfb.FullPaths.forEach((path, i) => {
    const entry = cfb.FileIndex[i];
    const name = path.replace(/^Root Entry\//, '');
    if (!entry?.content || entry.type !== 2 || name.startsWith('\u0001')) return;
    const data = Buffer.from(entry.content);
    parts.push({ name, method: 0, data, crc: crc32(data), size: data.length });
  });
  parts.push({ name: 'xl/media/padding.bin', method: 8, ...deflatedZeros(mib) });
  return writeZip(parts);
}
