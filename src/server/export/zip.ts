import { crc32 } from 'node:zlib';

/**
 * A ZIP archive of files stored without compression: the CSV tables of one export (a form with repeats
 * gives several). Small and dependency-free; CSV compresses well, but the HTTP layer compresses anyway.
 */
interface Entry {
  name: Buffer;
  data: Buffer;
  crc: number;
}

/**
 * The fields the local and the central header share, in the same order (APPNOTE 4.3.7 and 4.3.12): version
 * needed, flags (names in UTF-8), method (stored), time, date, CRC-32, both sizes, name length.
 */
function writeCommon(header: Buffer, at: number, entry: Entry, time: number, date: number): void {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(0x0800, at + 2);
  header.writeUInt16LE(0, at + 4);
  header.writeUInt16LE(time, at + 6);
  header.writeUInt16LE(date, at + 8);
  header.writeUInt32LE(entry.crc, at + 10);
  header.writeUInt32LE(entry.data.length, at + 14);
  header.writeUInt32LE(entry.data.length, at + 18);
  header.writeUInt16LE(entry.name.length, at + 22);
}

export function zipFiles(files: readonly { name: string; body: string | Uint8Array }[], at: Date): Buffer {
  const time = ((at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1)) & 0xffff;
  const date =
    (((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate()) & 0xffff;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const data = typeof file.body === 'string' ? Buffer.from(file.body, 'utf8') : Buffer.from(file.body);
    const entry: Entry = { name: Buffer.from(file.name, 'utf8'), data, crc: crc32(data) };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeCommon(local, 4, entry, time, date);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    writeCommon(central, 6, entry, time, date);
    central.writeUInt32LE(offset, 42);
    locals.push(local, entry.name, data);
    centrals.push(central, entry.name);
    offset += local.length + entry.name.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
