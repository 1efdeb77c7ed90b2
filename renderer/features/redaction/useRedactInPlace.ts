import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import type { Span } from '../../../common/domain/redaction';
import type { TimelineMessage } from '../../../common/contract';
import type { OutcomeMove } from '../../../common/contract/channels/redaction';
import { desk, errorMessage } from '../../api';
import { OUTCOME_LABELS } from '../review/reviewLabels';
import { bodySegments, type RedactionBox } from './bodySegments';
import type { BoxMenu } from './RedactableBody';
import { bodyElementOf, boundaryIn } from './domBoundary';
import { alreadyHidden, spanFromBoundaries } from './selectionSpan';

/** What the redaction popover is open for, and where on screen it points. */
export type RedactTarget =
  | { readonly kind: 'span'; readonly message: TimelineMessage; readonly span: Span; readonly at: DOMRect }
  | { readonly kind: 'whole'; readonly message: TimelineMessage; readonly at: DOMRect }
  | { readonly kind: 'box'; readonly message: TimelineMessage; readonly box: RedactionBox; readonly at: DOMRect };

interface Options {
  /** Why nothing can be redacted here (read-only case, custodian check pack), or null. */
  readonly disabledReason: string | null;
  /** The message drawn at a timeline position, if it is in memory. */
  readonly messageAt: (position: number) => TimelineMessage | undefined;
  /** A redaction was added or removed: read the messages again and say what happened. */
  readonly onChanged: (announcement: string) => void;
  readonly announce: (text: string) => void;
}

type Picked = { readonly message: TimelineMessage; readonly span: Span; readonly at: DOMRect } | { readonly problem: string } | null;

/** The page's text selection as a span of one message body, a reason it cannot be one, or null (no selection). */
function pickedSpan(messageAt: Options['messageAt']): Picked {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0 || !selection.anchorNode || !selection.focusNode) return null;
  const body = bodyElementOf(selection.anchorNode);
  const position = Number(body?.closest<HTMLElement>('[data-position]')?.dataset.position);
  const message = Number.isInteger(position) ? messageAt(position) : undefined;
  if (!body || !message) return null;
  if (bodyElementOf(selection.focusNode) !== body) return { problem: 'Select text within one message to redact it.' };
  const { segments } = bodySegments(message.body, message.redactions);
  const span = spanFromBoundaries(
    message.body,
    segments,
    boundaryIn(body, selection.anchorNode, selection.anchorOffset),
    boundaryIn(body, selection.focusNode, selection.focusOffset),
  );
  if (!span) return null;
  if (alreadyHidden(span, segments)) return { problem: 'That text is already redacted.' };
  return { message, span, at: selection.getRangeAt(0).getBoundingClientRect() };
}

const movesText = (moves: readonly OutcomeMove[]): string =>
  moves.length === 1 && moves[0]
    ? ` Outcome now ${OUTCOME_LABELS[moves[0].to]}.`
    : moves.length > 1
      ? ` ${moves.length} outcomes changed.`
      : '';

/**
 * Redacting in the timeline: a mouse selection in a message body opens the reason popover at it; H
 * does the same from the keyboard (or offers to withhold the whole message when nothing is selected);
 * right-clicking a box offers to remove its redactions.
 */
export function useRedactInPlace({ disabledReason, messageAt, onChanged, announce }: Options) {
  const [target, setTarget] = useState<RedactTarget | null>(null);
  const [error, setError] = useState<string | null>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  const open = (next: RedactTarget): void => {
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setError(null);
    setTarget(next);
  };

  const onMouseUp = useEffectEvent(() => {
    if (disabledReason || target) return;
    const picked = pickedSpan(messageAt);
    if (picked && 'message' in picked) open({ kind: 'span', ...picked });
  });
  useEffect(() => {
    // After the browser has finished the selection the mouse-up made.
    const listener = (): void => void window.setTimeout(() => onMouseUp(), 0);
    document.addEventListener('mouseup', listener);
    return () => document.removeEventListener('mouseup', listener);
  }, []);

  const close = (): void => {
    setTarget(null);
    setError(null);
  };

  const boxMenu = useMemo<BoxMenu | null>(
    () => (disabledReason ? null : { open: (message, box, at) => open({ kind: 'box', message, box, at }) }),
    [disabledReason],
  );

  return {
    target,
    error,
    boxMenu,
    close,
    /** Back to where the reviewer was (the message row, or the button that opened the popover). */
    restoreFocus(): void {
      if (returnTo.current?.isConnected) returnTo.current.focus({ preventScroll: true });
    },
    /** H: the selected text of a message, or else the whole current message. */
    fromKey(current: TimelineMessage | undefined, row: HTMLElement | null): void {
      if (disabledReason) return announce(disabledReason);
      const picked = pickedSpan(messageAt);
      if (picked && 'problem' in picked) return announce(picked.problem);
      if (picked) return open({ kind: 'span', ...picked });
      // At the message's heading line: the whole row of a long message leaves no room beside it.
      if (current && row)
        open({ kind: 'whole', message: current, at: (row.querySelector('.message__head') ?? row).getBoundingClientRect() });
    },
    withhold(message: TimelineMessage, at: DOMRect): void {
      if (disabledReason) return announce(disabledReason);
      open({ kind: 'whole', message, at });
    },
    async redact(kind: 'span' | 'whole', reasonCode: string, note: string): Promise<void> {
      if (!target || target.kind === 'box') return;
      const messageId = target.message.id;
      try {
        const result =
          kind === 'span' && target.kind === 'span'
            ? await desk().addRedaction({ kind: 'span', messageId, start: target.span.start, end: target.span.end, reasonCode, note })
            : await desk().addRedaction({ kind: 'whole', messageId, reasonCode, note });
        window.getSelection()?.removeAllRanges();
        close();
        const what = result.redaction.kind === 'whole' ? 'Message withheld' : 'Text redacted';
        onChanged(`${what}: ${result.redaction.label}.${movesText(result.outcomeMoves)}`);
      } catch (err) {
        setError(errorMessage(err));
      }
    },
    async remove(ids: readonly number[]): Promise<void> {
      try {
        const result = await desk().removeRedactions({ ids: [...ids] });
        close();
        onChanged(`Redaction removed.${movesText(result.outcomeMoves)}`);
      } catch (err) {
        setError(errorMessage(err));
        announce(errorMessage(err));
      }
    },
  };
}

export type RedactInPlace = ReturnType<typeof useRedactInPlace>;
