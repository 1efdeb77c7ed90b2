/**
 * The leak search of a bundle's verification, in bounded memory: every page's text as the reader
 * threads hand it over, the PDF file's streams and bytes read in chunks, then the schedule and the
 * manifest, each searched as it comes (leaks.ts, LeakScanner) and none kept.
 *
 * Page bodies are one stream per reader run, so a hidden text broken over two pages (or across the
 * seam between two runs, joined at the end from the ends each run kept) is found; frames, metadata
 * and each PDF stream are searched on their own.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { constants, inflateSync } from 'node:zlib';
import type { LeakLocation } from '../../common/domain/verification';
import { LeakScanner, type CheckedNeedle, type Haystack, type Leak, type LeakStream } from './leaks';
import type { PageText } from './pdf-text';

/** Bytes read from the PDF file at a time. */
const FILE_CHUNK = 1 << 22;

export class BundleLeakSearch {
  readonly locations: LeakLocation[] = [];
  private readonly scanner: LeakScanner;
  private readonly bodies = new Map<number, LeakStream>();
  private readonly frames: LeakStream;
  /** Per run: the start of its first page's body and the end of its latest, for the seams between runs. */
  private readonly ends = new Map<number, { first: { at: number; text: string }; last: { at: number; text: string } }>();
  /** Raw characters kept at each end of a run: enough to hold the scanner's window however the text was spaced. */
  private readonly seam: number;

  constructor(
    needles: readonly CheckedNeedle[],
    private readonly pageLocation: (page: number) => LeakLocation,
  ) {
    this.scanner = new LeakScanner(needles);
    this.frames = this.scanner.stream();
    this.seam = 2 * this.scanner.window + 64;
  }

  private at(location: LeakLocation): number {
    this.locations.push(location);
    return this.locations.length - 1;
  }

  /** Page `page` of run `run`, in page order within the run. */
  page(run: number, page: number, text: PageText): void {
    const at = this.at(this.pageLocation(page));
    let body = this.bodies.get(run);
    if (!body) {
      body = this.scanner.stream();
      this.bodies.set(run, body);
      this.ends.set(run, { first: { at, text: text.body.slice(0, this.seam) }, last: { at, text: '' } });
    }
    body.feed(at, text.body);
    const ends = this.ends.get(run);
    if (ends && text.body !== '') ends.last = { at, text: text.body.slice(-this.seam) };
    this.frames.feed(at, text.frame);
    this.frames.break();
  }

  /** After the last page: each run's end joined to the next run's start. */
  endPages(runs: number): void {
    for (const body of this.bodies.values()) body.end();
    this.frames.end();
    for (let run = 1; run < runs; run++) {
      const before = this.ends.get(run - 1);
      const after = this.ends.get(run);
      if (!before || !after) continue;
      const seam = this.scanner.stream();
      seam.feed(before.last.at, before.last.text);
      seam.feed(after.first.at, after.first.text);
      seam.end();
    }
  }

  /** Texts searched each on its own (metadata, a schedule row, the manifest). */
  texts(items: readonly { location: LeakLocation; text: string }[]): void {
    const stream = this.scanner.stream();
    for (const item of items) {
      stream.feed(this.at(item.location), item.text);
      stream.break();
    }
    stream.end();
  }

  metadata(items: readonly Haystack[]): void {
    this.texts(items.map((m) => ({ location: { kind: 'pdf-metadata', field: m.where }, text: m.text })));
  }

  /**
   * The PDF file read in chunks: each stream, inflated when it is Flate-compressed (content, object
   * streams, fonts' ToUnicode maps), on its own, and the file's bytes as Latin-1 text.
   */
  pdfFile(path: string): void {
    const whole = this.scanner.stream();
    const wholeAt = this.at({ kind: 'pdf-internals', stream: null });
    const streams = this.scanner.stream();
    let count = 0;
    for (const chunk of latin1Chunks(path)) whole.chunk(wholeAt, chunk);
    whole.end();
    for (const data of pdfStreams(path)) {
      let text: string;
      try {
        text = inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH }).toString('latin1');
      } catch {
        text = data.toString('latin1');
      }
      streams.feed(this.at({ kind: 'pdf-internals', stream: ++count }), text);
      streams.break();
    }
    streams.end();
  }

  leaks(): Leak[] {
    return this.scanner.leaks();
  }
}

function* latin1Chunks(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(FILE_CHUNK);
    for (let read = readSync(fd, buffer, 0, FILE_CHUNK, null); read > 0; read = readSync(fd, buffer, 0, FILE_CHUNK, null))
      yield buffer.toString('latin1', 0, read);
  } finally {
    closeSync(fd);
  }
}

/** The data of every `stream … endstream` in the PDF file at `path`, read in chunks. */
export function* pdfStreams(path: string): Generator<Buffer> {
  const chunks = latin1Chunks(path);
  let text = '';
  /** Reads the next chunk, keeping the text from `keep` on; false at the end of the file. */
  const more = (keep: number): boolean => {
    const next = chunks.next();
    if (next.done) return false;
    text = text.slice(keep) + next.value;
    return true;
  };
  const start = /stream\r?\n/gu;
  let pos = 0;
  if (!more(0)) return;
  for (;;) {
    start.lastIndex = pos;
    const m = start.exec(text);
    if (!m) {
      // What could be a keyword cut by the chunk's end ("end" included) stays for the next.
      const keep = Math.max(pos, text.length - 16);
      if (!more(keep)) return;
      pos = 0;
      continue;
    }
    if (text.slice(Math.max(0, m.index - 3), m.index) === 'end') {
      pos = m.index + m[0].length;
      continue;
    }
    let from = m.index + m[0].length;
    let to = text.indexOf('endstream', from);
    while (to < 0) {
      const keep = from;
      if (!more(keep)) return;
      from = 0;
      to = text.indexOf('endstream', Math.max(0, from));
    }
    yield Buffer.from(text.slice(from, to), 'latin1');
    pos = to;
  }
}
