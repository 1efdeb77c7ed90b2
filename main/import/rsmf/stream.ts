/**
 * Reads `rsmf_manifest.json` as it streams. A manifest of hundreds of megabytes is more than one
 * JavaScript string can hold (V8's limit is about 512 M characters), and JSON.parse of it died with
 * V8's own error (issue 13). A strict tokenizer (telegram/json-tokenizer.ts) feeds a walker that
 * assembles one element of the manifest's lists at a time; a string over the body cap keeps its start,
 * with the whole string's size and hash (CutString).
 */
import { TextDecoder } from 'node:util';
import type { SourceFiles } from '../files';
import {
  JsonTokenizer,
  ValueBuilder,
  type CutString,
  type JsonHandler,
  type JsonObject,
  type JsonScalar,
  type JsonValue,
} from '../telegram/json-tokenizer';

export const MANIFEST_LISTS = ['participants', 'conversations', 'events'] as const;
export type ManifestList = (typeof MANIFEST_LISTS)[number];

const isList = (key: string | null): key is ManifestList => (MANIFEST_LISTS as readonly (string | null)[]).includes(key);

export interface ManifestElement {
  readonly list: ManifestList;
  readonly index: number;
  readonly value: JsonValue;
  /** The strings in it that were cut. */
  readonly cut: readonly CutString[];
}

/**
 * What the manifest held besides its lists' elements: its other keys (`root`; an array or scalar when
 * the manifest is not an object), and what each list key held (an empty array where it was an array).
 */
export interface ManifestRoot {
  readonly root: JsonValue;
  readonly lists: Readonly<Record<string, JsonValue>>;
}

/** Routes the tokens of a manifest: elements of the `wanted` lists are assembled and handed on, the rest passed over. */
class ManifestWalker implements JsonHandler {
  private depth = 0;
  private rootKey: string | null = null;
  private list: ManifestList | null = null;
  private index = 0;
  private builder: ValueBuilder | null = null;
  /** The depth a capture started at, and what it is for: a list's element, or one of the root's other values. */
  private captureDepth = 0;
  private captureTarget: 'element' | 'field' = 'element';
  root: JsonValue | null = null;
  readonly fields: JsonObject = {};
  readonly lists: Record<string, JsonValue> = {};

  constructor(
    private readonly wanted: ReadonlySet<ManifestList>,
    private readonly onElement: (list: ManifestList, index: number, value: JsonValue) => void,
    /** Called as a capture starts, so strings cut before it are not counted as its own. */
    private readonly onCaptureStart: () => void,
  ) {}

  startObject(): void {
    this.open('object');
  }

  startArray(): void {
    this.open('array');
  }

  endObject(): void {
    this.close('object');
  }

  endArray(): void {
    this.close('array');
  }

  key(name: string): void {
    if (this.builder) this.builder.key(name);
    else if (this.depth === 1) this.rootKey = name;
  }

  scalar(value: JsonScalar): void {
    if (this.builder) return this.builder.scalar(value);
    if (this.depth === 0) this.root = value;
    else if (this.depth === 1 && this.root === this.fields) this.field(value);
    else if (this.depth === 2 && this.list) {
      if (this.wanted.has(this.list)) this.onElement(this.list, this.index, value);
      this.index++;
    }
  }

  private open(kind: 'object' | 'array'): void {
    const at = this.depth++;
    if (!this.builder) {
      if (at === 0) {
        this.root = kind === 'object' ? this.fields : [];
        return;
      }
      if (at === 1 && this.root === this.fields) {
        if (isList(this.rootKey) && kind === 'array') {
          this.list = this.rootKey;
          this.lists[this.rootKey] = [];
          this.index = 0;
          return;
        }
        this.capture('field', at);
      } else if (at === 2 && this.list && this.wanted.has(this.list)) {
        this.capture('element', at);
      } else {
        return;
      }
    }
    if (kind === 'object') this.builder?.startObject();
    else this.builder?.startArray();
  }

  private close(kind: 'object' | 'array'): void {
    const at = --this.depth;
    const builder = this.builder;
    if (builder) {
      if (kind === 'object') builder.endObject();
      else builder.endArray();
      if (at === this.captureDepth) this.finishCapture(builder.value ?? null);
      return;
    }
    if (at === 1 && this.list) this.list = null;
    else if (at === 2 && this.list) this.index++;
  }

  private capture(target: 'element' | 'field', at: number): void {
    this.onCaptureStart();
    this.builder = new ValueBuilder();
    this.captureDepth = at;
    this.captureTarget = target;
  }

  private finishCapture(value: JsonValue): void {
    this.builder = null;
    if (this.captureTarget === 'field') return this.field(value);
    if (this.list) this.onElement(this.list, this.index++, value);
  }

  private field(value: JsonValue): void {
    const key = this.rootKey;
    if (key === null) return;
    if (isList(key)) this.lists[key] = value;
    else this.fields[key] = value;
  }
}

/**
 * The elements of the `wanted` lists of the manifest `entry`, in file order; returns the rest of the
 * manifest. Throws JsonSyntaxError for text that is not JSON and TypeError for bytes that are not UTF-8.
 */
export async function* manifestElements(
  files: SourceFiles,
  entry: string,
  wanted: ReadonlySet<ManifestList>,
  maxString: number,
): AsyncGenerator<ManifestElement, ManifestRoot, undefined> {
  const ready: ManifestElement[] = [];
  let tokenizer: JsonTokenizer | null = null;
  const walker = new ManifestWalker(
    wanted,
    (list, index, value) => ready.push({ list, index, value, cut: tokenizer?.takeCut() ?? [] }),
    () => tokenizer?.takeCut(),
  );
  tokenizer = new JsonTokenizer(walker, { maxString });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of files.stream(entry)) {
    tokenizer.write(decoder.decode(chunk, { stream: true }));
    yield* ready.splice(0);
  }
  tokenizer.write(decoder.decode());
  tokenizer.end();
  yield* ready.splice(0);
  return { root: walker.root, lists: walker.lists };
}
