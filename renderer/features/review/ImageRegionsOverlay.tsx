import type { ImageRegion } from '../../../common/domain/media';
import { desk } from '../../api';
import { useLoaded } from '../../app/useLoaded';
import { ImageRegionEditor } from './ImageRegionEditor';

interface ImageRegionsOverlayProps {
  readonly attachmentId: number;
  readonly naturalWidth: number;
  readonly naturalHeight: number;
  readonly displayedWidth: number;
  readonly displayedHeight: number;
  /** Changes when anything is recorded or undone, so the regions are read again. */
  readonly revision: number;
  /** A redaction was added or removed: Review refreshes its undo bar and announces `text`. */
  readonly onChanged: (text: string) => void;
}

/** An image attachment's live rectangle redactions, read from the case and edited through the contract. */
export function ImageRegionsOverlay({ attachmentId, revision, onChanged, ...size }: ImageRegionsOverlayProps) {
  const loaded = useLoaded(
    async () => ({ for: attachmentId, list: await desk().listImageRedactions({ attachmentId, includeRemoved: false }) }),
    `${attachmentId}:${revision}`,
  );
  const regions: ImageRegion[] =
    loaded.status === 'ready' && loaded.value.for === attachmentId
      ? loaded.value.list.map((r) => ({ id: r.id, attachmentId: r.attachmentId, rect: r.rect, reason: r.label }))
      : [];
  return (
    <ImageRegionEditor
      {...size}
      regions={regions}
      onAdd={async (rect, reasonCode, note) => {
        const { redaction } = await desk().addImageRedaction({ attachmentId, rect, reasonCode, note });
        onChanged(`Area of the image redacted: ${redaction.label}.`);
      }}
      onSupersede={async (id, why) => {
        await desk().supersedeImageRedaction({ id, note: why });
        onChanged('Image redaction removed.');
      }}
    />
  );
}
