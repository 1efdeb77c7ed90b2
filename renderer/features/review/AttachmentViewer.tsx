import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode, type RefObject } from 'react';
import type { AttachmentDecision } from '../../../common/contract/channels/attachment-review';
import type { AttachmentRecord, AttachmentView } from '../../../common/domain/attachment-view';
import type { GpsPosition } from '../../../common/domain/media';
import { desk } from '../../api';
import { useLoaded } from '../../app/useLoaded';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { formatBytes, formatCount } from '../../format';
import { CLASSIFICATION_LABELS, OUTCOME_LABELS, RELEVANCE_LABELS } from './reviewLabels';
import { formatDuration, formatPosition } from './mediaText';
import { geometry, scaleOf, stepZoom, zoomLabel, type ImageGeometry, type Size, type Zoom } from './viewerZoom';
import './attachment-viewer.css';

interface AttachmentViewerProps {
  /** The attachment shown, or null when the viewer is closed. */
  readonly attachmentId: number | null;
  /** Changes when a decision is recorded, so the attachment's decision is read again. */
  readonly revision: number;
  readonly onNavigate: (attachmentId: number) => void;
  /** Closed (Esc, Close): with the record of the attachment last shown, to return to its message. */
  readonly onClose: (last: AttachmentRecord | null) => void;
  /**
   * Drawn over the image, in a frame exactly the image's displayed size (the redaction editor's slot):
   * a normalised rectangle is at x × displayedWidth, y × displayedHeight within it.
   */
  readonly renderOverlay?: (geometry: ImageGeometry, view: AttachmentView) => ReactNode;
}

/** Keys the viewer answers; listed in its description and the shortcuts overlay. */
export const VIEWER_KEYS = '← → previous and next attachment · + − zoom · 0 fit · 1 actual size · Shift+arrows pan · Esc close';

const PAN_FRACTION = 0.15;

/**
 * One attachment at a time, full size, with what the case knows about it: Review's attachment viewer.
 * It walks the conversation's attachments in timeline order (← →) and shows each one's own decision
 * read-only; coding stays in the coding panel.
 */
export function AttachmentViewer({ attachmentId, revision, onNavigate, onClose, renderOverlay }: AttachmentViewerProps) {
  const loaded = useLoaded(
    async () => ({ for: attachmentId, view: attachmentId === null ? null : await desk().attachmentView({ attachmentId }) }),
    String(attachmentId),
  );
  const view = loaded.status === 'ready' && loaded.value.for === attachmentId ? loaded.value.view : null;
  const decisions = useLoaded(
    async () => ({
      for: attachmentId,
      list: attachmentId === null ? [] : await desk().attachmentReviewGet({ attachmentIds: [attachmentId] }),
    }),
    `${attachmentId}:${revision}`,
  );
  const decision = decisions.status === 'ready' && decisions.value.for === attachmentId ? (decisions.value.list[0] ?? null) : null;
  // While the next attachment loads, the one still on screen is the one the viewer closes on.
  const lastRecord = loaded.status === 'ready' ? (loaded.value.view?.record ?? null) : null;

  const stage = useRef<HTMLDivElement>(null);
  // Each attachment opens fitted to the window.
  const [zoomed, setZoomed] = useState<{ readonly for: number | null; readonly zoom: Zoom }>({ for: null, zoom: 'fit' });
  const zoom = zoomed.for === attachmentId ? zoomed.zoom : 'fit';
  const setZoom = (next: Zoom | ((current: Zoom) => Zoom)): void =>
    setZoomed((state) => {
      const current = state.for === attachmentId ? state.zoom : 'fit';
      return { for: attachmentId, zoom: typeof next === 'function' ? next(current) : next };
    });
  const stageSize = useStageSize(stage, attachmentId !== null);
  const image = view?.rendition.state === 'image' ? view.rendition : null;
  const natural: Size = image ? { width: image.width, height: image.height } : { width: 0, height: 0 };
  const scale = scaleOf(zoom, natural, stageSize);
  const shown = geometry(natural, scale);

  const zoomTo = (next: Zoom): void => {
    const element = stage.current;
    // The point at the middle of the stage stays there, so zooming in goes into what the reviewer is looking at.
    if (element) {
      const centre = {
        x: (element.scrollLeft + element.clientWidth / 2) / Math.max(1, element.scrollWidth),
        y: (element.scrollTop + element.clientHeight / 2) / Math.max(1, element.scrollHeight),
      };
      pendingCentre.current = centre;
    }
    setZoom(next);
  };
  const pendingCentre = useRef<{ x: number; y: number } | null>(null);
  useLayoutEffect(() => {
    const element = stage.current;
    const centre = pendingCentre.current;
    if (!element || !centre) return;
    pendingCentre.current = null;
    element.scrollLeft = centre.x * element.scrollWidth - element.clientWidth / 2;
    element.scrollTop = centre.y * element.scrollHeight - element.clientHeight / 2;
  }, [scale]);

  const go = (id: number | null | undefined): void => {
    if (id != null) onNavigate(id);
  };
  const pan = (dx: number, dy: number): void => {
    const element = stage.current;
    if (element) element.scrollBy({ left: dx * element.clientWidth * PAN_FRACTION, top: dy * element.clientHeight * PAN_FRACTION });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const arrows: Record<string, readonly [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    const arrow = arrows[event.key];
    let handled = true;
    if (arrow && (event.shiftKey || arrow[1] !== 0)) pan(arrow[0], arrow[1]);
    else if (event.key === 'ArrowLeft') go(view?.previousId);
    else if (event.key === 'ArrowRight') go(view?.nextId);
    else if (event.key === '+' || event.key === '=') zoomTo(stepZoom(scale, 1));
    else if (event.key === '-' || event.key === '_') zoomTo(stepZoom(scale, -1));
    else if (event.key === '0') zoomTo('fit');
    else if (event.key === '1') zoomTo(1);
    else handled = false;
    if (handled) event.preventDefault();
  };

  // Ctrl+wheel zooms (as in every image viewer); the listener is not passive, so the page itself does not zoom.
  useEffect(() => {
    const element = stage.current;
    if (!element) return undefined;
    const onWheel = (event: WheelEvent): void => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      setZoom((current) => stepZoom(scaleOf(current, natural, stageSize), event.deltaY < 0 ? 1 : -1));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  });

  const drag = useRef<{ x: number; y: number; left: number; top: number } | null>(null);
  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    const element = stage.current;
    if (!element || event.button !== 0 || event.target !== event.currentTarget.querySelector('img')) return;
    drag.current = { x: event.clientX, y: event.clientY, left: element.scrollLeft, top: element.scrollTop };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    const element = stage.current;
    const start = drag.current;
    if (!element || !start) return;
    element.scrollLeft = start.left - (event.clientX - start.x);
    element.scrollTop = start.top - (event.clientY - start.y);
  };
  const endDrag = (): void => {
    drag.current = null;
  };

  const name = view?.record.fileName ?? (view ? 'Unnamed attachment' : 'Attachment');
  const pannable = shown.displayedWidth > stageSize.width || shown.displayedHeight > stageSize.height;

  return (
    <Dialog.Root open={attachmentId !== null} onOpenChange={(open) => !open && onClose(lastRecord)}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="viewer" onKeyDown={onKeyDown} onCloseAutoFocus={(event) => event.preventDefault()}>
          <header className="viewer__header">
            <div className="viewer__heading">
              <Dialog.Title className="viewer__title">{name}</Dialog.Title>
              <Dialog.Description className="viewer__keys">{VIEWER_KEYS}</Dialog.Description>
            </div>
            <div className="viewer__nav">
              <Button small onClick={() => go(view?.previousId)} disabled={!view || view.previousId === null}>
                ← Previous
              </Button>
              <Button small onClick={() => go(view?.nextId)} disabled={!view || view.nextId === null}>
                Next →
              </Button>
              <Dialog.Close asChild>
                <Button small variant="primary">
                  Close
                </Button>
              </Dialog.Close>
            </div>
          </header>
          <div className="viewer__body">
            <section className="viewer__picture" aria-label="Picture">
              {image && (
                <div className="viewer__zoom" role="group" aria-label="Zoom">
                  <Button small variant="quiet" onClick={() => zoomTo('fit')} aria-pressed={zoom === 'fit'}>
                    Fit
                  </Button>
                  <Button small variant="quiet" onClick={() => zoomTo(1)} aria-pressed={zoom === 1}>
                    100%
                  </Button>
                  <Button small variant="quiet" onClick={() => zoomTo(stepZoom(scale, -1))} aria-label="Zoom out">
                    −
                  </Button>
                  <Button small variant="quiet" onClick={() => zoomTo(stepZoom(scale, 1))} aria-label="Zoom in">
                    +
                  </Button>
                  <span className="viewer__zoom-level" aria-live="polite">
                    {zoomLabel(zoom, scale)}
                  </span>
                  <span className="viewer__size">
                    {formatCount(image.width)} × {formatCount(image.height)} px{image.converted ? ' · converted to show' : ''}
                  </span>
                </div>
              )}
              <div
                ref={stage}
                className={['viewer__stage', pannable && 'viewer__stage--pannable'].filter(Boolean).join(' ')}
                // Focusable so the keys pan it when it scrolls; the image's name is the dialog's title.
                tabIndex={0}
                role="group"
                aria-label={image ? `Image at ${zoomLabel(zoom, scale)}` : 'No image'}
                onPointerDown={onPointerDown}
                onPointerMove={onPointerMove}
                onPointerUp={endDrag}
                onPointerCancel={endDrag}
              >
                {loaded.status === 'failed' ? (
                  <p className="viewer__message viewer__message--problem">Could not read this attachment: {loaded.message}</p>
                ) : !view ? (
                  <p className="viewer__message">Loading…</p>
                ) : image ? (
                  <div
                    className="viewer__frame"
                    style={{ width: shown.displayedWidth, height: shown.displayedHeight }}
                    data-natural-width={shown.naturalWidth}
                    data-natural-height={shown.naturalHeight}
                    data-displayed-width={shown.displayedWidth}
                    data-displayed-height={shown.displayedHeight}
                  >
                    <img className="viewer__image" src={image.dataUrl} alt={name} draggable={false} />
                    {renderOverlay?.(shown, view)}
                  </div>
                ) : (
                  <NoPicture view={view} />
                )}
              </div>
            </section>
            {view && <Facts view={view} decision={decision} />}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** The stage's inner size, followed as the window changes. */
function useStageSize(stage: RefObject<HTMLDivElement | null>, open: boolean): Size {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const element = stage.current;
    if (!open || !element) return undefined;
    const measure = (): void => setSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [stage, open]);
  return size;
}

function NoPicture({ view }: { readonly view: AttachmentView }) {
  const { record, rendition } = view;
  if (record.unavailableReason !== null) {
    return <p className="viewer__message viewer__message--problem">{record.unavailableReason}</p>;
  }
  if (rendition.state === 'unavailable') {
    return <p className="viewer__message viewer__message--problem">This image cannot be shown: {rendition.reason}</p>;
  }
  return (
    <p className="viewer__message">
      No picture for {record.detected ? `a ${record.detected.label} file` : 'this file'}: its type, size and hash are on the right.
    </p>
  );
}

function Facts({ view, decision }: { readonly view: AttachmentView; readonly decision: AttachmentDecision | null }) {
  const { record, media, rendition } = view;
  const namesDiffer = record.detected !== null && record.nameMime !== null && record.nameMime !== record.detected.mime;
  const notes = [
    ...record.notes,
    ...(media?.problem && !record.notes.includes(media.problem) ? [media.problem] : []),
    ...(rendition.state === 'unavailable' && rendition.reason !== media?.problem ? [rendition.reason] : []),
  ];
  return (
    <aside className="viewer__facts" aria-label="About this attachment">
      {media?.gps && <GpsFlag gps={media.gps} />}
      <dl className="viewer__list">
        <Fact label="File name" mono>
          {record.fileName ?? 'No name recorded'}
        </Fact>
        <Fact label="Type">
          {record.detected
            ? `${record.detected.label} (${record.detected.mime}), recognised by its content`
            : (record.nameMime ?? 'Not known')}
          {namesDiffer && (
            <span className="viewer__differs">
              <Badge tone="warning">Name disagrees</Badge> its name says {record.nameMime}
            </span>
          )}
        </Fact>
        {record.size !== null && (
          <Fact label="Size">
            {formatBytes(record.size)} ({formatCount(record.size)} bytes)
          </Fact>
        )}
        {record.sha256 !== null && (
          <Fact label="SHA-256" mono>
            <span className="viewer__hash">{record.sha256}</span> <CopyButton text={record.sha256} what="SHA-256" />
          </Fact>
        )}
        {media?.width !== undefined && media.height !== undefined && (
          <Fact label="Dimensions">
            {formatCount(media.width)} × {formatCount(media.height)} px{media.frames ? ` · ${formatCount(media.frames)} frames` : ''}
          </Fact>
        )}
        {media?.cameraTime && (
          <Fact label="Camera time">
            {media.cameraTime.text}
            {media.cameraTime.offset ? ` (UTC${media.cameraTime.offset})` : ' (as the camera wrote it; no time zone)'}
          </Fact>
        )}
        {media?.camera && <Fact label="Camera">{[media.camera.make, media.camera.model].filter(Boolean).join(' ')}</Fact>}
        {media?.durationSeconds !== undefined && <Fact label="Duration">{formatDuration(media.durationSeconds)}</Fact>}
        <Fact label="In the case">{record.kept ? 'Yes: the file’s bytes are kept in the case' : 'No'}</Fact>
      </dl>
      {notes.length > 0 && (
        <section className="viewer__notes" aria-label="Notes">
          <h3 className="viewer__subtitle">Notes</h3>
          <ul>
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </section>
      )}
      <DecisionFacts decision={decision} />
    </aside>
  );
}

function GpsFlag({ gps }: { readonly gps: GpsPosition }) {
  return (
    <div className="viewer__privacy" role="note">
      <Badge tone="warning">GPS position recorded</Badge>
      <p>
        The file says where it was taken: <span className="mono">{formatPosition(gps)}</span>. A location is personal data in itself.
      </p>
    </div>
  );
}

function DecisionFacts({ decision }: { readonly decision: AttachmentDecision | null }) {
  if (!decision) return <p className="viewer__decision">Reading its decision…</p>;
  const whose = (own: boolean): string => (own ? 'its own' : 'from its message');
  return (
    <section className="viewer__decision" aria-label="Decision">
      <h3 className="viewer__subtitle">Decision</h3>
      <dl className="viewer__list">
        <Fact label="Classification">
          {CLASSIFICATION_LABELS[decision.classification]} ({whose(decision.own.classification)})
        </Fact>
        <Fact label="Relevance">
          {RELEVANCE_LABELS[decision.relevance]} ({whose(decision.own.relevance)})
        </Fact>
        <Fact label="Outcome">
          {OUTCOME_LABELS[decision.outcome]} ({whose(decision.own.outcome)})
        </Fact>
      </dl>
      <p className="viewer__hint">
        To code it, close the viewer: the coding panel has this attachment ( [ and ] move between a message’s attachments).
      </p>
    </section>
  );
}

function Fact({ label, mono = false, children }: { readonly label: string; readonly mono?: boolean; readonly children: ReactNode }) {
  return (
    <div className="viewer__fact">
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>{children}</dd>
    </div>
  );
}
