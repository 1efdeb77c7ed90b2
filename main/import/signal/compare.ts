/**
 * A chat folder holding both data.json and chat.md: signal-export writes both from the same messages,
 * so chat.md should read, line for line, as `to_md` renders data.json's records. Where it does not, one
 * of them was edited, concatenated or written by another build, and the note says where.
 */
import type { CancellationToken } from '../../../common/domain/cancellation';
import type { SourceFiles } from '../files';
import { readJsonLine, BrokenLine } from './json-line';
import { linesOf } from './lines';
import { toMarkdown } from './record';

export interface Disagreement {
  /** The first line of chat.md that differs, and the data.json line whose message should have made it. */
  readonly markdownLine: number;
  readonly jsonLine: number | null;
  readonly expected: string | null;
  readonly found: string | null;
  readonly differingLines: number;
  readonly jsonMessages: number;
  readonly markdownMessages: number;
}

const MESSAGE_START = /^\[\d{4}-\d{2}-\d{2},? \d{2}:\d{2}(:\d{2})?\] /;

type FirstDifference = Omit<Disagreement, 'differingLines' | 'jsonMessages' | 'markdownMessages'>;

/** Where chat.md first departs from what data.json renders to, or null when the two agree. */
export async function compareChatFiles(
  files: SourceFiles,
  json: string,
  markdown: string,
  token?: CancellationToken,
): Promise<Disagreement | null> {
  const mdLines = linesOf(files, markdown, token)[Symbol.asyncIterator]();
  let first: FirstDifference | null = null;
  let differing = 0;
  let jsonMessages = 0;
  let markdownMessages = 0;
  let lastLine = 0;
  const differs = (difference: FirstDifference): void => {
    differing++;
    first ??= difference;
  };
  for await (const line of linesOf(files, json, token)) {
    if (line.text.trim() === '') continue;
    const record = readJsonLine(line.text, line.number);
    if (record instanceof BrokenLine) continue;
    jsonMessages++;
    for (const expected of toMarkdown(record).split('\n')) {
      const next = await mdLines.next();
      if (next.done) {
        differs({ markdownLine: lastLine + 1, jsonLine: line.number, expected, found: null });
        continue;
      }
      lastLine = next.value.number;
      if (MESSAGE_START.test(next.value.text)) markdownMessages++;
      if (next.value.text !== expected) differs({ markdownLine: lastLine, jsonLine: line.number, expected, found: next.value.text });
    }
  }
  for (let next = await mdLines.next(); !next.done; next = await mdLines.next()) {
    if (MESSAGE_START.test(next.value.text)) markdownMessages++;
    differs({ markdownLine: next.value.number, jsonLine: null, expected: null, found: next.value.text });
  }
  return first === null ? null : { ...(first as FirstDifference), differingLines: differing, jsonMessages, markdownMessages };
}
