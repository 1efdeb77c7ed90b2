import type { TimelineAttachment } from '../../../common/contract';
import { useThumbnail } from './useThumbnails';

/** Whether a row asks for a thumbnail: a file the export held whose type, as recorded, is an image (or unknown). */
export const wantsThumbnail = (attachment: TimelineAttachment): boolean =>
  attachment.present && (attachment.mime === null || attachment.mime.startsWith('image/'));

/**
 * The thumbnail in a timeline row: a box of fixed size from the first render (a neutral placeholder until
 * the picture arrives, or the reason there is none), so rows never change height under the reader.
 * Clicking it opens the viewer; from the keyboard, Enter on the row does.
 */
export function AttachmentThumb({ attachment, onView }: { readonly attachment: TimelineAttachment; readonly onView: () => void }) {
  const thumbnail = useThumbnail(attachment.id);
  return (
    <span
      className={`attachment-thumb attachment-thumb--${thumbnail?.state ?? 'loading'}`}
      data-thumbnail-state={thumbnail?.state ?? 'loading'}
      title={thumbnail?.state === 'unavailable' ? thumbnail.reason : 'View (Enter)'}
      onClick={onView}
    >
      {thumbnail?.state === 'ready' ? (
        <img className="attachment-thumb__image" src={thumbnail.dataUrl} width={thumbnail.width} height={thumbnail.height} alt="" />
      ) : thumbnail?.state === 'unavailable' ? (
        <span className="attachment-thumb__reason">No preview: {thumbnail.reason}</span>
      ) : (
        <span className="visually-hidden">Preview loading</span>
      )}
    </span>
  );
}
