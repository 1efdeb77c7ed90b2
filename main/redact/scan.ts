/**
 * Pages through the messages of a scope looking for hits (suggestions, occurrences), in message id
 * order. A call stops at `limit` hits, or after MAX_SCANNED messages or TIME_LIMIT_MS, whichever comes
 * first, and says where to carry on: a whole case is never held in memory, and one call never blocks
 * the app for long. A page never splits a message's hits.
 */
import type { ReadableDB } from '../../db/connection';
import { textsInScope, type MessageText, type TextScope } from '../../db/queries/redaction';
import { isCovered, mergeSpans, type Span } from '../../common/domain/redaction';
import { liveRedactionsByMessage } from './apply';
import { contextAround, type HitContext } from './context';

const CHUNK = 500;
const MAX_SCANNED = 20_000;
const TIME_LIMIT_MS = 1000;

export interface Page {
  /** The last message id already scanned (0 to start). */
  readonly after: number;
  readonly limit: number;
}

export interface Located {
  readonly messageId: number;
  readonly conversationId: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly context: HitContext;
  readonly alreadyRedacted: boolean;
}

/** A finder returns, for one chunk of messages, the spans it found in each (by message id). */
export type Finder<T extends Span> = (chunk: readonly MessageText[]) => ReadonlyMap<number, readonly T[]>;

/** Whether each span is already hidden in its message: by a live whole-item redaction, or inside live spans. */
export function coveredBy(db: ReadableDB, messageIds: readonly number[]): (messageId: number, span: Span) => boolean {
  const live = liveRedactionsByMessage(db, messageIds);
  const merged = new Map<number, 'whole' | readonly Span[]>(
    [...live].map(([id, rs]) => [
      id,
      rs.some((r) => r.kind === 'whole')
        ? 'whole'
        : mergeSpans(rs.flatMap((r) => (r.kind === 'span' ? [{ start: r.start, end: r.end, reasonCodes: [r.reasonCode] }] : []))),
    ]),
  );
  return (messageId, span) => {
    const spans = merged.get(messageId);
    return spans === 'whole' || (spans !== undefined && isCovered(span, spans));
  };
}

export function scanScope<T extends Span>(
  db: ReadableDB,
  scope: TextScope,
  page: Page,
  find: Finder<T>,
): { hits: (T & Located)[]; next: number | null } {
  const hits: (T & Located)[] = [];
  const started = Date.now();
  let after = page.after;
  let scanned = 0;
  for (;;) {
    const chunk = textsInScope(db, scope, after, CHUNK);
    if (chunk.length === 0) return { hits, next: null };
    const found = find(chunk);
    const covered = coveredBy(db, [...found.keys()]);
    for (const message of chunk) {
      for (const span of found.get(message.id) ?? []) {
        hits.push({
          ...span,
          messageId: message.id,
          conversationId: message.conversationId,
          text: message.body.slice(span.start, span.end),
          context: contextAround(message.body, span.start, span.end),
          alreadyRedacted: covered(message.id, span),
        });
      }
      after = message.id;
      scanned += 1;
      if (hits.length >= page.limit) return { hits, next: after };
    }
    if (scanned >= MAX_SCANNED || Date.now() - started > TIME_LIMIT_MS) return { hits, next: after };
  }
}
