/**
 * The ISO base media file format's boxes (MP4, MOV, 3GP, M4A, HEIF): size, type, then content, nested.
 * Only what the metadata reader needs: walk a level, find a path. Never reads past the bytes it is given.
 */

export interface Box {
  readonly type: string;
  /** Offset of the box's content (after its header). */
  readonly contentStart: number;
  readonly end: number;
}

/** The boxes between `from` and `to`, stopping at the first that is malformed or runs past the end. */
export function* boxes(b: Uint8Array, from: number, to: number): Generator<Box> {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let at = from;
  while (at + 8 <= to) {
    let size = view.getUint32(at);
    const type = String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!);
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) return;
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < header || at + size > to) return;
    yield { type, contentStart: at + header, end: at + size };
    at += size;
  }
}

/** The first box at the end of `path` (e.g. ['moov', 'mvhd']), looking inside each box on the way. */
export function findBox(b: Uint8Array, path: readonly string[], from = 0, to = b.length): Box | undefined {
  const [first, ...rest] = path;
  for (const box of boxes(b, from, to)) {
    if (box.type !== first) continue;
    if (rest.length === 0) return box;
    const found = findBox(b, rest, box.contentStart, box.end);
    if (found) return found;
  }
  return undefined;
}

/** Every box of `type` among the children of the box at `from`..`to`. */
export function childBoxes(b: Uint8Array, type: string, from: number, to: number): Box[] {
  return [...boxes(b, from, to)].filter((box) => box.type === type);
}
