/**
 * Verification of the images in a bundle's PDF (docs/spec.md §13), read back from the file, not taken
 * from what the export meant to write: every image XObject in the file (read front to back, so an
 * object appended later or listed nowhere is found too) is rebuilt as the file it was (pdf-images.ts)
 * and decoded; it must be the rendition the manifest
 * records for a produced attachment, every redacted region of that attachment must be uniform fill,
 * and it must carry no metadata (main/media/verify-image.ts). An image the manifest does not account for,
 * or the original bytes of an attachment the bundle holds back, is a problem too. Problems name the
 * attachment by its printed name, id and reference, never by what it shows.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { VerifyProblem } from '../../common/domain/verification';
import { checkProducedImage } from '../media/verify-image';
import type { Manifest, ManifestAttachment } from './manifest';
import { sha256 } from './manifest';
import { imageFileOf, readPdfImage } from './pdf-images';
import { pdfStreams } from './verify-leaks';
import { windowed } from './windowed';

/** An attachment the bundle holds back (withheld, or of a message not produced), by the SHA-256 of its original. */
export interface HeldBackAttachment {
  readonly attachmentId: number;
  readonly sha256: string;
}

/** Bytes of the file scanned at a time; an object's dictionary must lie within DICTIONARY_CHARS of its start. */
const SCAN_CHUNK = 1 << 22;
const DICTIONARY_CHARS = 4096;

const problem = (message: string): VerifyProblem => ({ check: 'images', message });

const attachmentWords = (a: ManifestAttachment): string => `${a.name} (attachment #${a.attachmentId}, ${a.reference})`;

function readAt(fd: number, offset: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = readSync(fd, buffer, 0, length, offset);
  return buffer.subarray(0, read);
}

/**
 * Every image XObject in the PDF file: its object number, dictionary and stream data. The file is read
 * front to back for stream objects, not through its cross-reference table, so an object a later
 * revision appended, or one no table lists, is found too; an image's data is read at its offset.
 */
function* pdfImageObjects(path: string): Generator<{ objectNumber: number; dictionary: string; data: Buffer }> {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    // A dictionary never runs past "endobj": an object without a stream is not taken for the next one's.
    const object = /(\d+) \d+ obj\s*<<((?:(?!endobj)[\s\S]){0,4096}?)>>\s*stream\r?\n/gu;
    // `text` is the file from offset `base` to `next`.
    let base = 0;
    let next = 0;
    let text = '';
    while (next < size) {
      text += readAt(fd, next, SCAN_CHUNK).toString('latin1');
      next = Math.min(size, next + SCAN_CHUNK);
      let resume = 0;
      let skipTo = 0;
      object.lastIndex = 0;
      for (let m = object.exec(text); m; m = object.exec(text)) {
        const dictionary = m[2]!;
        const start = base + m.index + m[0].length;
        resume = m.index + m[0].length;
        if (!/\/Subtype\s*\/Image\b/u.test(dictionary)) continue;
        const length = Number(/\/Length\s+(\d+)(?!\s+\d+\s+R)/u.exec(dictionary)?.[1] ?? Number.NaN);
        if (!Number.isFinite(length)) continue;
        yield { objectNumber: Number(m[1]), dictionary, data: readAt(fd, start, length) };
        // Past the image's data: its bytes are not searched for objects.
        skipTo = start + length;
        if (skipTo >= next) break;
        resume = skipTo - base;
        object.lastIndex = resume;
      }
      if (skipTo >= next) {
        base = next = skipTo;
        text = '';
        continue;
      }
      // What could be the start of an object cut by the chunk's end stays for the next chunk.
      const keep = Math.max(resume, text.length - DICTIONARY_CHARS);
      base += keep;
      text = text.slice(keep);
    }
  } finally {
    closeSync(fd);
  }
}

/** What is wrong with one image object of the PDF, given the attachments the manifest says it shows. */
async function checkImageObject(
  objectNumber: number,
  dictionary: string,
  data: Buffer,
  owners: readonly ManifestAttachment[] | undefined,
): Promise<VerifyProblem[]> {
  if (!owners) return [problem(`the PDF holds an image (object ${objectNumber}) that the manifest records for no produced attachment`)];
  const image = readPdfImage(dictionary, data);
  const first = owners[0]!;
  const produced = first.produced!;
  if (!image) return [problem(`the image of ${attachmentWords(first)} is not an image this bundle places (object ${objectNumber})`)];
  const problems: VerifyProblem[] = [];
  if (image.filter === 'DCTDecode' && sha256(data) !== produced.sha256)
    problems.push(problem(`the image of ${attachmentWords(first)} in the PDF is not the rendition the manifest records`));
  if (image.width !== produced.width || image.height !== produced.height)
    problems.push(
      problem(
        `the image of ${attachmentWords(first)} is ${image.width} × ${image.height} px; the manifest says ${produced.width} × ${produced.height}`,
      ),
    );
  // Attachments sharing a rendition share its regions (the rendition is made per content and regions), but each is named.
  for (const owner of owners) {
    for (const failure of await checkProducedImage(imageFileOf(image), owner.produced!.regions))
      problems.push(problem(`the image of ${attachmentWords(owner)} failed its check: ${failure}`));
  }
  return problems;
}

/**
 * The problems with the images of the bundle whose PDF is `pdfPath`. `heldBack` are the attachments
 * whose original bytes must appear nowhere in it (null when the case is not at hand).
 */
export async function imageProblems(
  pdfPath: string,
  manifest: Manifest,
  heldBack: readonly HeldBackAttachment[] | null,
): Promise<VerifyProblem[]> {
  const problems: VerifyProblem[] = [];
  const byObject = new Map<number, ManifestAttachment[]>();
  for (const a of manifest.attachments ?? []) {
    if (a.produced) byObject.set(a.produced.pdfObject, [...(byObject.get(a.produced.pdfObject) ?? []), a]);
  }
  const seen = new Set<number>();
  // Decoding runs on sharp's threads, a few images at a time; problems are listed in the PDF's order.
  await windowed(
    pdfImageObjects(pdfPath),
    async ({ objectNumber, dictionary, data }) => {
      seen.add(objectNumber);
      return checkImageObject(objectNumber, dictionary, data, byObject.get(objectNumber));
    },
    (_, found) => void problems.push(...found),
  );
  for (const [objectNumber, owners] of byObject) {
    if (!seen.has(objectNumber)) problems.push(problem(`the image of ${attachmentWords(owners[0]!)} is missing from the PDF`));
  }
  if (heldBack && heldBack.length > 0) {
    const held = new Map(heldBack.map((a) => [a.sha256, a.attachmentId]));
    for (const data of pdfStreams(pdfPath)) {
      // The data as scanned ends with the line break before "endstream", which is not part of it.
      const bare = data.subarray(0, data.length - (data.at(-1) === 0x0a ? (data.at(-2) === 0x0d ? 2 : 1) : 0));
      const id = held.get(sha256(bare)) ?? held.get(sha256(data));
      if (id !== undefined) problems.push(problem(`the PDF holds the original file of attachment #${id}, which the bundle holds back`));
    }
  }
  return problems;
}
