/**
 * One attachment as the viewer shows it (spec §13): what the case records about the file, what its bytes
 * say about themselves, a rendition the screen can display, and where the previous and next attachments
 * of its conversation are, so the viewer can walk them in timeline order.
 */
import type { MediaFacts, MediaKind } from './media';

/** What the case records about an attachment, whatever its bytes. */
export interface AttachmentRecord {
  readonly attachmentId: number;
  readonly messageId: number;
  readonly conversationId: number;
  /** The message's position in its conversation (0-based), to return the timeline to it. */
  readonly position: number;
  readonly fileName: string | null;
  /** The type the source gave, or its name's extension implies. */
  readonly nameMime: string | null;
  /** The type recognised from the content, or null when the content is not in the case to recognise. */
  readonly detected: { readonly mime: string; readonly kind: MediaKind; readonly label: string } | null;
  readonly size: number | null;
  readonly sha256: string | null;
  /** The bytes are in the case. */
  readonly kept: boolean;
  /** Why the bytes are not in the case (absent from the source, over the limit, an older import), or null. */
  readonly unavailableReason: string | null;
  /** What media work found about the file: "could not be decoded: …", a name that disagrees with the content. */
  readonly notes: readonly string[];
}

/** What the viewer can draw: the image at full resolution, why it cannot, or nothing to draw (not an image). */
export type AttachmentRendition =
  | {
      readonly state: 'image';
      /** A data: URL of a browser-displayable image (the original when it already is one, else a re-encoding). */
      readonly dataUrl: string;
      readonly width: number;
      readonly height: number;
      /** True when the original was re-encoded to display (HEIC, TIFF, an oversized file). */
      readonly converted: boolean;
    }
  | { readonly state: 'unavailable'; readonly reason: string }
  | { readonly state: 'none' };

export interface AttachmentView {
  readonly record: AttachmentRecord;
  /** What the bytes say about themselves (dimensions, camera time, GPS, duration), or null when the bytes are not in the case. */
  readonly media: MediaFacts | null;
  readonly rendition: AttachmentRendition;
  /** The previous and next attachment of the conversation in timeline order, or null at either end. */
  readonly previousId: number | null;
  readonly nextId: number | null;
}
