/**
 * Verification of the images in a bundle's PDF (docs/spec.md §13), read back from the file, not taken
 * from what the export meant to write: every image XObject is found through the PDF's cross-reference
 * table, rebuilt as the file it was (pdf-images.ts) and decoded; it must be the rendition the manifest
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

/** Bytes read at an object's offset to find its dictionary; an image's is a few hundred. */
const OBJECT_HEAD_BYTES = 4096;

const problem = (message: string): VerifyProblem => ({ check: 'images', message });

const attachmentWords = (a: ManifestAttachment): string => `${a.name} (attachment #${a.attachmentId}, ${a.reference})`;

function readAt(fd: number, offset: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = readSync(fd, buffer, 0, length, offset);
  return buffer.subarray(0, read);
}

/** Object number → byte offset, from the classic cross-reference table the bundle's PDF ends with. */
function crossReferences(fd: number, size: number): Map<number, number> {
  const tail = readAt(fd, Math.max(0, size - 1024), Math.min(size, 1024)).toString('latin1');
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/u.exec(tail);
  if (!start) throw new Error('the PDF has no cross-reference table');
  const offset = Number(start[1]);
  const lines = readAt(fd, offset, size - offset)
    .toString('latin1')
    .split(/\r?\n/u);
  if (lines[0]?.trim() !== 'xref') throw new Error('the PDF’s cross-reference table is not where it says');
  const offsets = new Map<number, number>();
  let next = 0;
  for (const line of lines.slice(1)) {
    const text = line.trim();
    if (text.startsWith('trailer')) break;
    const section = /^(\d+) (\d+)$/u.exec(text);
    if (section) {
      next = Number(section[1]);
      continue;
    }
    const entry = /^(\d{10}) (\d{5}) ([nf])$/u.exec(text);
    if (entry?.[3] === 'n') offsets.set(next, Number(entry[1]));
    next++;
  }
  return offsets;
}

/** Every image XObject in the PDF: its object number, dictionary and stream data. */
function* pdfImageObjects(path: string): Generator<{ objectNumber: number; dictionary: string; data: Buffer }> {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    for (const [objectNumber, offset] of crossReferences(fd, size)) {
      const head = readAt(fd, offset, OBJECT_HEAD_BYTES).toString('latin1');
      const object = /^\d+ \d+ obj\s*<<([\s\S]*?)>>\s*stream\r?\n/u.exec(head);
      if (!object || !/\/Subtype\s*\/Image\b/u.test(object[1]!)) continue;
      const length = Number(/\/Length\s+(\d+)(?!\s+\d+\s+R)/u.exec(object[1]!)?.[1] ?? Number.NaN);
      if (!Number.isFinite(length)) continue;
      yield { objectNumber, dictionary: object[1]!, data: readAt(fd, offset + object[0].length, length) };
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
