/**
 * Verification of a written bundle (docs/spec.md §7): it is what the manifest says, and nothing hidden got out.
 *
 * - The folder holds exactly the files the manifest lists (and the manifest), each with the SHA-256 it
 *   states; when the case's record of the bundle is given, exactly the files the case recorded at
 *   export, each with the SHA-256 the case recorded (a manifest rewritten to match an edited file
 *   does not hide the edit).
 * - The PDF, re-read with pdfjs-dist (an independent reader, not the library that wrote it; pdf-text.ts
 *   reads it in worker threads), has the
 *   manifest's page count; every page's footer carries its document's reference and "Page n of N";
 *   every schedule row points at a page of its own reference.
 * - No redacted string and no withheld item's text appears in: the page text, the raw (inflated)
 *   streams of the file — content, object streams, fonts' ToUnicode maps —, the document information
 *   and XMP metadata, the outline, the schedule (CSV and the XLSX's XML), or the manifest.
 *
 * Problems name where, never the hidden text (the report is shown and logged).
 */
import type { CancellationToken } from '../../common/domain/cancellation';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { leakText, type LeakFailure, type LeakLocation, type VerifyProblem, type VerifyReport } from '../../common/domain/verification';
import { checkableNeedles, type Needle } from './leaks';
import { MANIFEST_FILE, readManifest, sha256File, type Manifest, type ManifestDocument } from './manifest';
import { PdfReaders, type PageText } from './pdf-text';
import { BundleLeakSearch } from './verify-leaks';
import { SCHEDULE_HEADER } from './schedule';
import { imageProblems, type HeldBackAttachment } from './verify-images';

export type { VerifyProblem, VerifyReport } from '../../common/domain/verification';

const LISTED_PROBLEMS = 10;

export class BundleVerificationError extends Error {
  constructor(readonly report: VerifyReport) {
    const listed = report.problems.slice(0, LISTED_PROBLEMS).map((p) => `  - ${p.message}`);
    const more = report.problems.length > LISTED_PROBLEMS ? [`  - and ${report.problems.length - LISTED_PROBLEMS} more problems`] : [];
    super(['The bundle failed verification and was not kept (nothing was written or recorded):', ...listed, ...more].join('\n'));
    this.name = 'BundleVerificationError';
  }
}

/** A hidden string found in the bundle, and every place it was found. */
export interface FoundLeak {
  readonly needle: Needle;
  readonly locations: readonly LeakLocation[];
}

/** What to search for, and how to explain what is found (leak-causes.ts, which reads the case). */
export interface LeakCheck {
  readonly needles: readonly Needle[];
  readonly explain: (found: readonly FoundLeak[]) => readonly LeakFailure[];
}

export interface VerifyOptions {
  readonly onPage?: (page: number, pages: number) => void;
  readonly token?: CancellationToken;
  /** Reader threads started beforehand (the export starts them while it writes); else started here. */
  readonly readers?: PdfReaders;
  /** The files the case recorded at export, name → SHA-256 (verify-recorded.ts). */
  readonly recordedFiles?: ReadonlyMap<string, string>;
  /** This folder's name inside an export of several outputs (outputs/combined.ts): the record's files under it are its own. */
  readonly folder?: string;
  /** Attachments the bundle holds back, whose original bytes must not be in the PDF (null or absent: the case is not at hand). */
  readonly heldBackAttachments?: readonly HeldBackAttachment[] | null;
}

/** RFC 4180 CSV as schedule.ts writes it. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch ?? '';
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/** Text searched for hidden strings, and where in the bundle it is. */
interface Located {
  readonly location: LeakLocation;
  readonly text: string;
}

/** The XML parts of an XLSX (a zip), entities decoded, for the leak search. */
async function xlsxTexts(path: string): Promise<Located[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: false, autoClose: true }, (err, file) => (err ? reject(err) : resolve(file)));
  });
  const parts: Located[] = [];
  const raw = readFileSync(path);
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      // Read straight from the buffer: the entries are small and this keeps one code path for both methods.
      const header = raw.readUInt32LE(entry.relativeOffsetOfLocalHeader) === 0x04034b50 ? entry.relativeOffsetOfLocalHeader : -1;
      if (header < 0) return;
      const nameLength = raw.readUInt16LE(header + 26);
      const extraLength = raw.readUInt16LE(header + 28);
      const data = raw.subarray(header + 30 + nameLength + extraLength, header + 30 + nameLength + extraLength + entry.compressedSize);
      const xml = (entry.compressionMethod === 8 ? inflateRawSync(data) : data).toString('utf8');
      parts.push({ location: { kind: 'schedule-xlsx', part: entry.fileName }, text: decodeXml(xml) });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
  });
  return parts;
}

const decodeXml = (xml: string): string =>
  xml
    .replace(/<[^>]*>/gu, ' ')
    .replace(/&#x([0-9a-f]+);/giu, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/gu, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&apos;/gu, "'")
    .replace(/&amp;/gu, '&');

const pageRange = (page: string): number => Number(page.split('–')[0]);

/**
 * Whether each page carries its document's reference and "Page n of N", noted as the pages are read
 * (their text is not kept): 1 when it does, 0 when it does not or was never read.
 */
class PageMarks {
  readonly ok: Uint8Array;
  private readonly docs: (ManifestDocument | undefined)[] = [];

  constructor(manifest: Manifest) {
    this.ok = new Uint8Array(manifest.pages + 1);
    for (const doc of manifest.documents)
      for (let i = 0; i < doc.pages && doc.firstBundlePage + i <= manifest.pages; i++) this.docs[doc.firstBundlePage + i] = doc;
  }

  docOf(page: number): ManifestDocument | undefined {
    return this.docs[page];
  }

  page(page: number, text: PageText): void {
    const doc = this.docs[page];
    if (!doc || page >= this.ok.length) return;
    const squashed = `${text.body} ${text.frame}`.replace(/\s+/gu, ' ');
    if (squashed.includes(doc.reference) && squashed.includes(`Page ${page - doc.firstBundlePage + 1} of ${doc.pages}`)) this.ok[page] = 1;
  }
}

function checkStructure(manifest: Manifest, pages: number, marks: PageMarks, schedule: string[][], problems: VerifyProblem[]): void {
  if (pages !== manifest.pages)
    problems.push({ check: 'pages', message: `the PDF has ${pages} pages; the manifest says ${manifest.pages}` });
  for (const doc of manifest.documents) {
    for (let i = 1; i <= doc.pages; i++) {
      if (marks.ok[doc.firstBundlePage + i - 1] !== 1) {
        problems.push({
          check: 'references',
          message: `bundle page ${doc.firstBundlePage + i - 1} does not carry "${doc.reference}" and "Page ${i} of ${doc.pages}"`,
        });
        break;
      }
    }
  }
  const [header, ...rows] = schedule;
  if (header?.join(',') !== SCHEDULE_HEADER.join(',')) {
    problems.push({ check: 'schedule', message: 'the schedule CSV does not start with the expected header row' });
    return;
  }
  const byReference = new Map(manifest.documents.map((d) => [d.reference, d]));
  for (const [i, row] of rows.entries()) {
    const [reference = '', page = '', bundlePage = ''] = row;
    const doc = byReference.get(reference);
    const n = pageRange(page);
    if (!doc) problems.push({ check: 'schedule', message: `schedule row ${i + 2} names ${reference}, which is not in the bundle` });
    else if (!(n >= 1 && n <= doc.pages) || Number(bundlePage) !== doc.firstBundlePage + n - 1) {
      problems.push({
        check: 'schedule',
        message: `schedule row ${i + 2} puts ${reference} on page ${page} (bundle page ${bundlePage}), outside its pages`,
      });
    }
    if (problems.length > 50) return;
  }
}

/**
 * Each needle found, with its places. A place that only repeats a more precise one is dropped: the
 * whole CSV when a row of it holds the text, the PDF's bytes when a page, its metadata or a stream does.
 */
export function foundLeaks(
  leaks: readonly { haystack: number; needle: number }[],
  places: readonly LeakLocation[],
  needles: readonly Needle[],
): FoundLeak[] {
  const byNeedle = new Map<number, LeakLocation[]>();
  for (const leak of leaks) {
    const location = places[leak.haystack];
    if (location) byNeedle.set(leak.needle, [...(byNeedle.get(leak.needle) ?? []), location]);
  }
  const isPdf = (l: LeakLocation): boolean =>
    l.kind === 'extract-page' || l.kind === 'front-page' || l.kind === 'pdf-metadata' || l.kind === 'pdf-internals';
  return [...byNeedle].map(([index, locations]) => ({
    needle: needles[index] as Needle,
    locations: locations.filter(
      (l) =>
        !(l.kind === 'schedule-csv' && l.row === null && locations.some((o) => o.kind === 'schedule-csv' && o.row !== null)) &&
        !(l.kind === 'pdf-internals' && l.stream === null && locations.some((o) => isPdf(o) && o !== l)),
    ),
  }));
}

/** Each leak found, explained (which decision hid it, the likely causes), as a problem. */
export const leakProblems = (leakCheck: LeakCheck, found: readonly FoundLeak[]): VerifyProblem[] =>
  (found.length ? leakCheck.explain(found) : []).map((leak) => ({ check: 'leak', message: leakText(leak), leak }));

/**
 * The folder against the manifest and, when given, the case's record: one problem per file, saying
 * which record it departs from. Returns the names of the manifest's files that are present. Files are
 * hashed as streams: a bundle's PDF can be larger than is sensible to hold.
 */
export function checkFiles(
  dir: string,
  manifest: { readonly files: readonly { readonly name: string; readonly sha256: string }[] },
  recorded: ReadonlyMap<string, string> | null,
  manifestFile: string = MANIFEST_FILE,
): { problems: VerifyProblem[]; present: Set<string> } {
  const problems: VerifyProblem[] = [];
  const present = new Set<string>();
  const problem = (message: string): void => void problems.push({ check: 'files', message });
  const listed = new Map(manifest.files.map((f) => [f.name, f.sha256]));
  const inFolder = new Set(readdirSync(dir));
  for (const file of manifest.files) {
    const path = join(dir, file.name);
    if (file.name.includes('/') || file.name.includes('\\') || !existsSync(path)) {
      problem(`${file.name} is missing`);
      continue;
    }
    present.add(file.name);
    const actual = sha256File(path);
    const expected = recorded?.get(file.name);
    if (recorded && expected === undefined)
      problem(`${file.name} is listed in the manifest, but the case recorded no such file for this bundle at export`);
    else if (actual !== file.sha256) problem(`${file.name} has changed: its SHA-256 is not the one in the manifest`);
    else if (expected !== undefined && actual !== expected)
      problem(`${file.name} has changed since export: its SHA-256 is not the one the case recorded (${expected})`);
  }
  for (const [name, expected] of recorded ?? []) {
    if (name === manifestFile) {
      if (sha256File(join(dir, manifestFile)) !== expected)
        problem(`${manifestFile} has changed since export: its SHA-256 is not the one the case recorded (${expected})`);
    } else if (!listed.has(name))
      problem(
        inFolder.has(name)
          ? `${name} is not listed in the manifest, though the case recorded it at export`
          : `${name} is missing: the case recorded it at export`,
      );
  }
  for (const name of [...inFolder].sort()) {
    if (name !== manifestFile && !listed.has(name) && !recorded?.has(name))
      problem(
        `${name} is in the bundle folder but is not part of the bundle: the export did not write it. Remove it, or export again into a new folder`,
      );
  }
  return { problems, present };
}

/**
 * Verifies the bundle in `dir`. `leakCheck` lists the redacted strings and withheld texts to search
 * for; null (verifying a bundle without its case) checks everything else and says the leak search
 * was not done.
 */
export async function verifyBundle(dir: string, leakCheck: LeakCheck | null, options: VerifyOptions = {}): Promise<VerifyReport> {
  const manifestPath = join(dir, MANIFEST_FILE);
  const manifest = readManifest(manifestPath);
  const { problems, present } = checkFiles(dir, manifest, options.recordedFiles ?? null);
  const pdfFile = manifest.files.find((f) => f.role === 'pdf');
  const csvFile = manifest.files.find((f) => f.role === 'schedule-csv');
  const xlsxFile = manifest.files.find((f) => f.role === 'schedule-xlsx');
  const csvText = csvFile && present.has(csvFile.name) ? readFileSync(join(dir, csvFile.name), 'utf8') : '';
  if (!pdfFile || !present.has(pdfFile.name)) {
    if (!pdfFile) problems.push({ check: 'files', message: 'the manifest lists no PDF' });
    return {
      ok: false,
      pages: 0,
      documents: manifest.documents.length,
      scheduleRows: 0,
      checkedStrings: 0,
      tooShortToCheck: 0,
      leakCheck: false,
      problems,
    };
  }
  const pdfPath = join(dir, pdfFile.name);
  const marks = new PageMarks(manifest);
  const { needles, unchecked } = checkableNeedles(leakCheck?.needles ?? []);
  const pageLocation = (page: number): LeakLocation => {
    const doc = marks.docOf(page);
    return doc
      ? { kind: 'extract-page', reference: doc.reference, page: page + 1 - doc.firstBundlePage, bundlePage: page }
      : { kind: 'front-page', bundlePage: page };
  };
  const search = leakCheck && needles.length ? new BundleLeakSearch(needles, pageLocation) : null;
  // Each page is checked and searched as it is read, then dropped.
  const onText = (run: number, page: number, text: PageText): void => {
    marks.page(page, text);
    search?.page(run, page, text);
  };
  const reading = (options.readers ?? PdfReaders.forPages(manifest.pages)).read(pdfPath, manifest.pages, { ...options, onText });
  // The images are decoded on sharp's threads while pdfjs reads the pages in its own.
  const images = imageProblems(pdfPath, manifest, options.heldBackAttachments ?? null);
  // Awaited below, after the pages: until then a failure must not count as unhandled.
  images.catch(() => undefined);
  const pdf = await reading;
  const imageFound = await images;
  const schedule = parseCsv(csvText);
  checkStructure(manifest, pdf.pages, marks, schedule, problems);
  problems.push(...imageFound);
  const attachmentsFile = manifest.files.find((f) => f.role === 'attachments-csv');
  const attachmentRows =
    attachmentsFile && present.has(attachmentsFile.name) ? parseCsv(readFileSync(join(dir, attachmentsFile.name), 'utf8')) : [];

  if (leakCheck && search) {
    search.endPages(pdf.runs.length);
    search.metadata(pdf.metadata);
    search.pdfFile(pdfPath);
    search.texts([
      ...schedule.map((row, i) => ({
        location: { kind: 'schedule-csv', row: i + 1, reference: i === 0 ? null : (row[0] ?? null) } as const,
        text: row.join('\n'),
      })),
      { location: { kind: 'schedule-csv', row: null, reference: null }, text: csvText },
      ...attachmentRows.map((row, i) => ({ location: { kind: 'attachments-csv', row: i + 1 } as const, text: row.join('\n') })),
      ...(xlsxFile && present.has(xlsxFile.name) ? await xlsxTexts(join(dir, xlsxFile.name)) : []),
      { location: { kind: 'manifest' }, text: readFileSync(manifestPath, 'utf8') },
    ]);
    problems.push(...leakProblems(leakCheck, foundLeaks(search.leaks(), search.locations, leakCheck.needles)));
  }
  return {
    ok: problems.length === 0,
    pages: pdf.pages,
    documents: manifest.documents.length,
    scheduleRows: Math.max(0, schedule.length - 1),
    checkedStrings: needles.length,
    tooShortToCheck: unchecked,
    leakCheck: leakCheck !== null,
    problems,
  };
}
