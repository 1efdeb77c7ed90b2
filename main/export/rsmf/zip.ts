/**
 * A zip archive written deterministically, for rsmf.zip: members in the order given, deflated at a fixed
 * level, every timestamp the DOS epoch (1980-01-01 00:00), no extra fields, UTF-8 names. The same
 * members give the same bytes on every machine, so the same case exports to the same `.rsmf` files.
 * Flat names only (RSMF viewers and Relativity's own tie an attachment to its message by file name).
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipMember {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export class ZipMemberNameError extends Error {
  constructor(name: string) {
    super(
      `"${name}" cannot be a member of rsmf.zip: names must be flat (no "/" or "\\"), unique and not empty. This is a fault in Disclosure Desk.`,
    );
    this.name = 'ZipMemberNameError';
  }
}

const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800;
const DEFLATE = 8;
const STORE = 0;
const LEVEL = 6;

export function writeZip(members: readonly ZipMember[]): Buffer {
  if (members.length > 0xffff) throw new RangeError(`rsmf.zip would hold ${members.length} files, which needs zip64 (not written)`);
  const seen = new Set<string>();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    if (member.name === '' || /[/\\]/u.test(member.name) || seen.has(member.name)) throw new ZipMemberNameError(member.name);
    seen.add(member.name);
    const name = Buffer.from(member.name, 'utf8');
    const deflated = deflateRawSync(member.bytes, { level: LEVEL });
    // Already-compressed media does not shrink: stored, as any archiver would.
    const method = deflated.length < member.bytes.length ? DEFLATE : STORE;
    const data = method === DEFLATE ? deflated : Buffer.from(member.bytes);
    const crc = crc32(member.bytes);
    if (member.bytes.length >= 0xffffffff || offset >= 0xffffffff) throw new RangeError('rsmf.zip would need zip64, which is not written');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(member.bytes.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(member.bytes.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
