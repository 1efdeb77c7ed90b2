import { crc32 } from 'node:zlib';

/** A member made on Unix as a symbolic link: its content is the path it points at. */
export interface MemberOptions {
  readonly symlink?: boolean;
}

/**
 * A zip archive of stored (uncompressed) entries, written exactly as listed: unlike an archiver, it
 * lets a test put the same name in twice, or a symbolic link, as a hostile or careless export can.
 */
export function storedZip(entries: readonly (readonly [name: string, content: string | Uint8Array, options?: MemberOptions])[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content, options] of entries) {
    const data = Buffer.from(content);
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    if (options?.symlink) {
      central.writeUInt16LE((3 << 8) | 20, 4); // made on Unix
      central.writeUInt32LE((0o120777 << 16) >>> 0, 38); // S_IFLNK, rwxrwxrwx
    }
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A stored zip of one member whose end records declare `members` (in the zip64 record, as any archiver
 * writes past 65,535): the central directory a hostile archive can claim without holding it.
 */
export function zipDeclaringMembers(members: number): Buffer {
  const zip = storedZip([['_chat.txt', '[12/01/2024, 14:03:22] Al: hello\n']]);
  const endAt = zip.length - 22;
  const end = Buffer.from(zip.subarray(endAt));
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(members), 24);
  record.writeBigUInt64LE(BigInt(members), 32);
  record.writeBigUInt64LE(BigInt(end.readUInt32LE(12)), 40);
  record.writeBigUInt64LE(BigInt(end.readUInt32LE(16)), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(endAt), 8);
  locator.writeUInt32LE(1, 16);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  return Buffer.concat([zip.subarray(0, endAt), record, locator, end]);
}
