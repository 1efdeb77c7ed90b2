#!/usr/bin/env node
// A WhatsApp (Android) export zip with photos, for the attachment-keeping benchmark (issue 16):
//
//   node gen-whatsapp-media.mjs --messages 100000 --photos 1000 --seed 1 --out media.zip [--text-only text.zip]
//
// The chat is gen-whatsapp.mjs's, with --photos messages "IMG-….jpg (file attached)" spread evenly
// through it. The photos are phone-like JPEGs of 1-4 MB: four real JPEGs (sharp, noise at camera
// sizes) re-used with different trailing bytes after the end-of-image marker, so every photo has its
// own SHA-256 at the cost of a copy. --text-only writes the same chat in a zip without the photos (the
// same messages, each photo recorded absent), to measure beside it. Members are stored, the chat
// deflated, as WhatsApp writes them; no zip64 (keep the total under 4 GB).
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import sharp from 'sharp';

const argv = process.argv.slice(2);
const opt = (name, def) => {
  const i = argv.indexOf(name);
  return i < 0 ? def : argv[i + 1];
};
const MESSAGES = Number(opt('--messages', '100000'));
const PHOTOS = Number(opt('--photos', '1000'));
const SEED = Number(opt('--seed', '1'));
const OUT = opt('--out');
const TEXT_ONLY = opt('--text-only');
if (!OUT) {
  process.stderr.write('gen-whatsapp-media: --out is required\n');
  process.exit(2);
}

let state = SEED >>> 0 || 1;
const random = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 2 ** 32;
};

const generator = fileURLToPath(new URL('gen-whatsapp.mjs', import.meta.url));
const gen = spawnSync(process.execPath, [generator, '--messages', String(MESSAGES), '--seed', String(SEED)], {
  encoding: 'utf8',
  maxBuffer: 1 << 30,
});
if (gen.status !== 0) {
  process.stderr.write(gen.stderr);
  process.exit(1);
}

// A photo message goes before every (MESSAGES / PHOTOS)th message, with its time and sender.
const START = /^(\d\d\/\d\d\/\d{4}, \d\d:\d\d - [^:\n]+: )/;
const names = [];
// About 2% of the generator's records are system lines, which have no sender.
const every = Math.max(1, Math.floor((MESSAGES * 0.95) / PHOTOS));
let seen = 0;
const lines = gen.stdout.split('\n').flatMap((line) => {
  const start = START.exec(line);
  if (!start || names.length >= PHOTOS || seen++ % every !== every - 1) return [line];
  const name = `IMG-20200302-WA${String(names.length + 1).padStart(4, '0')}.jpg`;
  names.push(name);
  return [`${start[1]}${name} (file attached)`, line];
});
const chat = Buffer.from(lines.join('\n'), 'utf8');

// Four camera-sized JPEGs of noise (which JPEG cannot shrink), of about 1 to 4 MB.
const bases = [];
for (const [width, height] of [
  [1280, 960],
  [1600, 1200],
  [2048, 1536],
  [2400, 1800],
]) {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i += 4) pixels.writeUInt32LE(Math.floor(random() * 2 ** 32) >>> 0, Math.min(i, pixels.length - 4));
  bases.push(
    await sharp(pixels, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 85 })
      .toBuffer(),
  );
}

/** A zip written as it goes: stored members, or one deflated (the chat). */
function writeZip(path, members) {
  const fd = openSync(path, 'w');
  const central = [];
  let offset = 0;
  const write = (buffer) => {
    writeSync(fd, buffer);
    offset += buffer.length;
  };
  for (const { name, bytes, deflate } of members()) {
    const data = deflate ? deflateRawSync(bytes) : bytes;
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(bytes);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(bytes.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(deflate ? 8 : 0, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(bytes.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, fileName);
    write(local);
    write(fileName);
    write(data);
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  writeSync(fd, directory);
  writeSync(fd, end);
  closeSync(fd);
  return offset + directory.length + end.length;
}

const chatMember = { name: 'WhatsApp Chat with Covid Core.txt', bytes: chat, deflate: true };
let photoBytes = 0;
const size = writeZip(OUT, function* () {
  yield chatMember;
  for (const [i, name] of names.entries()) {
    const base = bases[i % bases.length];
    const tail = Buffer.alloc(16 + Math.floor(random() * 300_000));
    for (let j = 0; j < tail.length; j += 4) tail.writeUInt32LE(Math.floor(random() * 2 ** 32) >>> 0, Math.min(j, tail.length - 4));
    const bytes = Buffer.concat([base, tail]);
    photoBytes += bytes.length;
    yield { name, bytes, deflate: false };
  }
});
if (TEXT_ONLY)
  writeZip(TEXT_ONLY, function* () {
    yield chatMember;
  });
process.stderr.write(
  `gen-whatsapp-media: ${names.length} photos (${(photoBytes / 1024 ** 2).toFixed(0)} MB) in ${OUT} (${(size / 1024 ** 2).toFixed(0)} MB)\n`,
);
