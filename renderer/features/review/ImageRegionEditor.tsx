import * as Popover from '@radix-ui/react-popover';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type PointerEvent } from 'react';
import {
  centredRect,
  imageRegionProblem,
  nudgeRect,
  pixelSize,
  rectFromDrag,
  resizeRect,
  toDisplay,
  type DisplaySize,
  type Point,
} from '../../../common/domain/image-regions';
import type { ImageRegion, NormalisedRect } from '../../../common/domain/media';
import { errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { ReasonPicker } from '../redaction/ReasonPicker';
import { startingReason } from '../redaction/startingReason';
import { useLastReason, useReasonCodes } from '../redaction/useReasonCodes';
import './image-regions.css';

export interface ImageRegionEditorProps {
  /** The image's own size in pixels, as displayed (orientation applied). */
  readonly naturalWidth: number;
  readonly naturalHeight: number;
  /** The size the image is laid out at, in CSS px: the editor covers exactly that box. */
  readonly displayedWidth: number;
  readonly displayedHeight: number;
  readonly regions: readonly ImageRegion[];
  /** Adds a region; a rejection is shown beside the rectangle, which stays for another try. */
  readonly onAdd: (rect: NormalisedRect, reasonCode: string, note: string) => Promise<void>;
  /** Supersedes a region, saying why it no longer applies. */
  readonly onSupersede: (id: number, why: string) => Promise<void>;
}

/** The key that starts a new rectangle in the middle of the image, for drawing without a mouse. */
export const NEW_REGION_KEY = 'r';

const HINT =
  'Drag to draw an area to redact, or press R for a new one in the middle. Arrow keys move it, Shift+arrow keys resize it, ' +
  'Enter chooses the reason, Escape cancels. Tab to a redaction and press Delete to remove it.';

const percent = (n: number): string => `${Math.round(n * 100)}%`;

const described = (rect: NormalisedRect, natural: DisplaySize): string => {
  const px = pixelSize(rect, natural);
  return `${px.width} × ${px.height} px, ${percent(rect.x)} from the left, ${percent(rect.y)} from the top`;
};

/**
 * Rectangle redactions drawn over an image (docs/spec.md §13). Laid over the image by its parent (which
 * is positioned; this fills displayedWidth × displayedHeight from its top-left corner). Live regions show
 * as the black the bundle fills them with, each a focusable button named by its reason; a new one is
 * drawn with the mouse or started with R, then moved and sized with the keyboard, and Enter asks for its
 * reason. Coordinates go out normalised to the image as displayed, so the zoom never matters.
 */
export function ImageRegionEditor(props: ImageRegionEditorProps) {
  const { naturalWidth, naturalHeight, displayedWidth, displayedHeight, regions, onAdd, onSupersede } = props;
  const natural = { width: naturalWidth, height: naturalHeight };
  const shown = { width: displayedWidth, height: displayedHeight };
  const [draft, setDraft] = useState<NormalisedRect | null>(null);
  const [asking, setAsking] = useState(false);
  const [removing, setRemoving] = useState<ImageRegion | null>(null);
  const [status, setStatus] = useState('');
  const overlay = useRef<HTMLDivElement>(null);
  const draftBox = useRef<HTMLDivElement>(null);
  const drag = useRef<Point | null>(null);
  const focusDraft = useRef(false);

  useEffect(() => {
    if (draft && focusDraft.current) {
      focusDraft.current = false;
      draftBox.current?.focus();
    }
  }, [draft]);

  // Escape while a rectangle is being drawn cancels it, and only it: caught before a dialog the editor
  // sits in sees it (Radix listens on the document), so the viewer stays open.
  useEffect(() => {
    if (!draft || asking) return undefined;
    const onKey = (event: globalThis.KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      event.preventDefault();
      setDraft(null);
      setStatus('Drawing cancelled.');
      overlay.current?.focus();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [draft, asking]);

  /** The pointer's position on the displayed image, in its layout px, whatever CSS scale the viewer applies. */
  const pointOf = (event: PointerEvent): Point => {
    const box = overlay.current!.getBoundingClientRect();
    return {
      x: ((event.clientX - box.left) * displayedWidth) / (box.width || 1),
      y: ((event.clientY - box.top) * displayedHeight) / (box.height || 1),
    };
  };

  const start = (rect: NormalisedRect): void => {
    focusDraft.current = true;
    setAsking(false);
    setDraft(rect);
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    if (event.button !== 0 || event.target !== overlay.current || asking || removing) return;
    event.preventDefault();
    overlay.current.setPointerCapture(event.pointerId);
    drag.current = pointOf(event);
    setDraft(null);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    if (drag.current) setDraft(rectFromDrag(drag.current, pointOf(event), shown) ?? null);
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>): void => {
    if (!drag.current) return;
    const rect = rectFromDrag(drag.current, pointOf(event), shown);
    drag.current = null;
    // A click, or a drag too small to mean anything, draws nothing.
    if (!rect || imageRegionProblem(rect) !== undefined) setDraft(null);
    else {
      start(rect);
      setStatus(`Area drawn: ${described(rect, natural)}. Press Enter to choose the reason.`);
    }
  };

  const onOverlayKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (asking || removing || event.target instanceof HTMLInputElement) return;
    if (event.key.toLowerCase() === NEW_REGION_KEY && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      event.stopPropagation();
      const rect = centredRect(natural);
      start(rect);
      setStatus(`New area: ${described(rect, natural)}. Arrow keys move it, Shift+arrow keys resize it, Enter chooses the reason.`);
    }
  };

  const STEPS: Readonly<Record<string, readonly [number, number]>> = {
    ArrowLeft: [-1, 0],
    ArrowRight: [1, 0],
    ArrowUp: [0, -1],
    ArrowDown: [0, 1],
  };
  const onDraftKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (!draft || asking) return;
    const step = STEPS[event.key];
    if (step) {
      event.preventDefault();
      // The viewer's arrows move between attachments: not while a rectangle is being placed.
      event.stopPropagation();
      const next = event.shiftKey ? resizeRect(draft, step[0], step[1]) : nudgeRect(draft, step[0], step[1]);
      setDraft(next);
      setStatus(described(next, natural));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      setAsking(true);
    }
  };

  const onRegionKey = (region: ImageRegion) => (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      event.stopPropagation();
      setRemoving(region);
    }
  };

  const boxStyle = (rect: NormalisedRect) => {
    const box = toDisplay(rect, shown);
    return { left: box.left, top: box.top, width: box.width, height: box.height };
  };

  return (
    <div
      ref={overlay}
      className="image-regions"
      style={{ width: displayedWidth, height: displayedHeight }}
      role="group"
      aria-label="Redactions on this image"
      aria-describedby="image-regions-hint"
      aria-keyshortcuts="R"
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onKeyDown={onOverlayKey}
    >
      <span id="image-regions-hint" className="visually-hidden">
        {HINT}
      </span>
      {regions.map((region) => (
        <RegionBox
          key={region.id}
          region={region}
          style={boxStyle(region.rect)}
          natural={natural}
          removing={removing?.id === region.id}
          onKeyDown={onRegionKey(region)}
          onAsk={() => setRemoving(region)}
          onCancel={() => setRemoving(null)}
          onSupersede={async (why) => {
            await onSupersede(region.id, why);
            setRemoving(null);
            setStatus(`Redaction '${region.reason}' removed.`);
            overlay.current?.focus();
          }}
        />
      ))}
      {draft && (
        <Popover.Root open={asking} onOpenChange={(open) => !open && setAsking(false)}>
          <Popover.Anchor asChild>
            <div
              ref={draftBox}
              className="image-regions__draft"
              style={boxStyle(draft)}
              role="group"
              aria-roledescription="new redaction area"
              aria-label={`New redaction area, ${described(draft, natural)}`}
              aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown Shift+ArrowLeft Shift+ArrowRight Shift+ArrowUp Shift+ArrowDown Enter Escape"
              tabIndex={0}
              onKeyDown={onDraftKey}
            >
              {!asking && (
                <Button small variant="primary" className="image-regions__confirm" onClick={() => setAsking(true)}>
                  Redact area…
                </Button>
              )}
            </div>
          </Popover.Anchor>
          <Popover.Portal>
            <Popover.Content
              className="popover image-regions__popover"
              side="right"
              align="start"
              sideOffset={6}
              collisionPadding={8}
              aria-label="Reason for the redaction"
              onCloseAutoFocus={(event) => {
                event.preventDefault();
                draftBox.current?.focus();
              }}
            >
              <ReasonForm
                onCancel={() => setAsking(false)}
                onRedact={async (reasonCode, note) => {
                  await onAdd(draft, reasonCode, note);
                  setAsking(false);
                  setDraft(null);
                  setStatus('Area redacted.');
                  overlay.current?.focus();
                }}
                regionsKey={regions.map((r) => r.id).join(',')}
              />
            </Popover.Content>
          </Popover.Portal>
        </Popover.Root>
      )}
      <span className="visually-hidden" role="status">
        {status}
      </span>
    </div>
  );
}

function ReasonForm({
  onRedact,
  onCancel,
  regionsKey,
}: {
  readonly onRedact: (reasonCode: string, note: string) => Promise<void>;
  readonly onCancel: () => void;
  readonly regionsKey: string;
}) {
  const reasons = useReasonCodes('image-regions');
  const lastReason = useLastReason(regionsKey);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = reason || startingReason(reasons, lastReason);
  const submit = (event?: FormEvent): void => {
    event?.preventDefault();
    if (!chosen || busy) return;
    setBusy(true);
    setError(null);
    onRedact(chosen, note.trim()).catch((err: unknown) => {
      setError(errorMessage(err));
      setBusy(false);
    });
  };
  return (
    <form className="redact-form" aria-label="Image redaction" noValidate onSubmit={submit}>
      <p className="popover__title">Fill this area in every produced copy of the image</p>
      <ReasonPicker
        id="image-region-reason"
        label="Reason"
        reasons={reasons}
        value={chosen}
        onChange={setReason}
        onEnter={() => submit()}
      />
      <TextField
        id="image-region-note"
        label="Note"
        optional
        value={note}
        onChange={(event) => setNote(event.target.value)}
        maxLength={2000}
      />
      <div className="popover__actions">
        <Button small onClick={onCancel}>
          Back
        </Button>
        <Button small type="submit" variant="primary" disabled={!chosen || busy}>
          Redact
        </Button>
      </div>
      <ErrorAlert title="Not redacted" message={error} />
    </form>
  );
}

function RegionBox({
  region,
  style,
  natural,
  removing,
  onKeyDown,
  onAsk,
  onCancel,
  onSupersede,
}: {
  readonly region: ImageRegion;
  readonly style: { left: number; top: number; width: number; height: number };
  readonly natural: DisplaySize;
  readonly removing: boolean;
  readonly onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
  readonly onAsk: () => void;
  readonly onCancel: () => void;
  readonly onSupersede: (why: string) => Promise<void>;
}) {
  return (
    <Popover.Root open={removing} onOpenChange={(open) => (open ? onAsk() : onCancel())}>
      <Popover.Trigger asChild>
        <button
          type="button"
          className="image-regions__region"
          style={style}
          aria-label={`Redaction: ${region.reason}, ${described(region.rect, natural)}`}
          aria-keyshortcuts="Delete"
          title={`${region.reason} — press Delete to remove`}
          onKeyDown={onKeyDown}
          onPointerDown={(event) => event.stopPropagation()}
        >
          <span className="image-regions__reason" aria-hidden="true">
            {region.reason}
          </span>
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          className="popover image-regions__popover"
          side="bottom"
          align="start"
          sideOffset={6}
          collisionPadding={8}
          aria-label="Remove the redaction"
        >
          <RemoveForm reason={region.reason} onCancel={onCancel} onSupersede={onSupersede} />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function RemoveForm({
  reason,
  onCancel,
  onSupersede,
}: {
  readonly reason: string;
  readonly onCancel: () => void;
  readonly onSupersede: (why: string) => Promise<void>;
}) {
  const [why, setWhy] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!why.trim() || busy) return;
    setBusy(true);
    onSupersede(why.trim()).catch((err: unknown) => {
      setError(errorMessage(err));
      setBusy(false);
    });
  };
  return (
    <form className="redact-form" aria-label="Remove image redaction" noValidate onSubmit={submit}>
      <p className="popover__title">Remove the redaction ‘{reason}’? The area will be disclosed.</p>
      <TextField
        id="image-region-why"
        label="Why it no longer applies"
        value={why}
        onChange={(event) => setWhy(event.target.value)}
        maxLength={2000}
        autoFocus
      />
      <div className="popover__actions">
        <Button small onClick={onCancel}>
          Keep it
        </Button>
        <Button small type="submit" variant="primary" disabled={!why.trim() || busy}>
          Remove redaction
        </Button>
      </div>
      <ErrorAlert title="Not removed" message={error} />
    </form>
  );
}
