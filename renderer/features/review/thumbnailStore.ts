/**
 * Thumbnails for the timeline's rows, asked of the case in batches and kept for the case's session.
 * The timeline says which attachments its rendered rows show (`want`), and nothing waits: a request
 * goes out once the rows have settled for a moment, for the wanted ids not already held or asked for,
 * at most MAX_BATCH at a time, and each row's box fills in when its answer arrives. What is kept is
 * bounded (least recently shown dropped first), so a long scroll through a photo-heavy chat does not
 * keep every thumbnail it passed.
 */
import type { AttachmentThumbnail } from '../../../common/domain/media';

/** The channel's limit per request (SHARED-16 §1). */
export const MAX_BATCH = 200;
/** About 10–25 KB each as data: URLs: a few thousand are a few tens of MB at most. */
export const MAX_KEPT = 2000;
/** Rows rendered while scrolling fast are passed by before this; only the rows the reviewer stops on are asked for. */
const SETTLE_MS = 40;

export type FetchThumbnails = (attachmentIds: number[]) => Promise<readonly AttachmentThumbnail[]>;

export interface ThumbnailStore {
  /** The attachments the rendered rows show now; replaces what was wanted before. */
  readonly want: (attachmentIds: readonly number[]) => void;
  /** The thumbnail if it has arrived (and marks it recently used). */
  readonly get: (attachmentId: number) => AttachmentThumbnail | undefined;
  readonly subscribe: (listener: () => void) => () => void;
}

export function createThumbnailStore(
  fetch: FetchThumbnails,
  describeFailure: (error: unknown) => string,
  { maxKept = MAX_KEPT, settleMs = SETTLE_MS } = {},
): ThumbnailStore {
  const kept = new Map<number, AttachmentThumbnail>();
  const asked = new Set<number>();
  const listeners = new Set<() => void>();
  let wanted: readonly number[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  const keep = (thumbnail: AttachmentThumbnail): void => {
    kept.delete(thumbnail.attachmentId);
    kept.set(thumbnail.attachmentId, thumbnail);
    for (const oldest of kept.keys()) {
      if (kept.size <= maxKept) break;
      kept.delete(oldest);
    }
  };

  const send = async (batch: number[]): Promise<void> => {
    let answers: readonly AttachmentThumbnail[];
    try {
      answers = await fetch(batch);
    } catch (error) {
      // Said in each box instead of a picture; asked again only when the case is opened again.
      const reason = describeFailure(error);
      answers = batch.map((attachmentId) => ({ attachmentId, state: 'unavailable', reason }));
    }
    for (const id of batch) asked.delete(id);
    for (const answer of answers) keep(answer);
    listeners.forEach((listener) => listener());
  };

  const flush = (): void => {
    timer = null;
    const missing = [...new Set(wanted)].filter((id) => !kept.has(id) && !asked.has(id));
    for (let at = 0; at < missing.length; at += MAX_BATCH) {
      const batch = missing.slice(at, at + MAX_BATCH);
      batch.forEach((id) => asked.add(id));
      void send(batch);
    }
  };

  return {
    want(attachmentIds) {
      wanted = attachmentIds;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(flush, settleMs);
    },
    get(attachmentId) {
      const thumbnail = kept.get(attachmentId);
      if (thumbnail) keep(thumbnail);
      return thumbnail;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
