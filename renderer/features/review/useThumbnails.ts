import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AttachmentThumbnail } from '../../../common/domain/media';
import { desk, errorMessage } from '../../api';
import { createThumbnailStore, type ThumbnailStore } from './thumbnailStore';

let current: { readonly caseId: string; readonly store: ThumbnailStore } | null = null;

/** The open case's thumbnails: kept while it stays open, whichever screen is showing; another case starts afresh. */
export function thumbnailStoreFor(caseId: string): ThumbnailStore {
  if (current?.caseId !== caseId) {
    const store = createThumbnailStore(
      async (attachmentIds) => (await desk().attachmentThumbnails({ attachmentIds })).thumbnails,
      errorMessage,
    );
    current = { caseId, store };
  }
  return current.store;
}

export const ThumbnailContext = createContext<ThumbnailStore | null>(null);

const never = (): (() => void) => () => undefined;

/** One attachment's thumbnail, re-rendering only its own box when it arrives. */
export function useThumbnail(attachmentId: number): AttachmentThumbnail | undefined {
  const store = useContext(ThumbnailContext);
  return useSyncExternalStore(store?.subscribe ?? never, () => store?.get(attachmentId));
}
