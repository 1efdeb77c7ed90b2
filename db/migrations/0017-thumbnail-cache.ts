/**
 * The timeline's thumbnails, cached in the case (main/attachments/thumbnails.ts): one row per stored
 * content (blob), so a photo forwarded to forty chats, or held by three custodians, is rendered once.
 * A row is either the thumbnail (`ready`: its encoded bytes, type and size) or why none can be made
 * (`unavailable`: the decoder's reason), so a broken file is not decoded again at every scroll.
 *
 * `recipe` names how the row was made (size, format); a row of another recipe is made again and
 * replaced, so changing the thumbnails needs no migration. A thumbnail is derived data: it can be
 * deleted at any time and is made again when next asked for.
 *
 * Literal SQL only: this text is frozen once shipped.
 */
import type { Migration } from './types';

export const thumbnailCache: Migration = {
  version: 17,
  name: 'thumbnail cache',
  steps: [
    `
      CREATE TABLE thumbnails (
        blob_id INTEGER PRIMARY KEY REFERENCES blobs(id),
        recipe TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state = 'ready' OR state = 'unavailable'),
        mime TEXT CHECK (mime = 'image/jpeg' OR mime = 'image/png'),
        width INTEGER CHECK (width > 0),
        height INTEGER CHECK (height > 0),
        bytes BLOB,
        reason TEXT,
        made_at INTEGER NOT NULL,
        CHECK (
          (state = 'ready' AND mime IS NOT NULL AND width IS NOT NULL AND height IS NOT NULL AND bytes IS NOT NULL AND reason IS NULL)
          OR (state = 'unavailable' AND reason IS NOT NULL AND length(reason) > 0 AND mime IS NULL AND width IS NULL AND height IS NULL
              AND bytes IS NULL)
        )
      ) STRICT;
    `,
  ],
};
