import * as Tooltip from '@radix-ui/react-tooltip';
import { createContext, useContext, useMemo, type MouseEvent } from 'react';
import type { TimelineMessage } from '../../../common/contract';
import { bodySegments, wholeLabel, type RedactedBody, type RedactionBox } from './bodySegments';
import './redaction.css';

/** What a box asks of the screen around it: right-click opens its redactions, to remove one. */
export interface BoxMenu {
  open(message: TimelineMessage, box: RedactionBox, at: DOMRect): void;
}

export const BoxMenuContext = createContext<BoxMenu | null>(null);

interface RedactableBodyProps {
  readonly message: TimelineMessage;
  readonly bodyId: string;
}

/**
 * A message body with its redactions drawn in place: each hidden run a dark box carrying its reason,
 * as the bundle will draw it; the hidden text is in the box's tooltip for the reviewer. Every run and
 * box carries the body offset it starts at, so a text selection maps back to the exact body.
 */
export function RedactableBody({ message, bodyId }: RedactableBodyProps) {
  const { whole, segments } = useMemo(() => shownSegments(message), [message]);
  const menu = useContext(BoxMenuContext);
  const withheld = whole.length > 0;
  return (
    <>
      {withheld && (
        <p className="redaction-whole">
          <span className="redaction-whole__mark">Withheld</span> The whole message is withheld from the bundle: {wholeLabel(whole)}
        </p>
      )}
      {segments.length > 0 && (
        <p
          id={bodyId}
          className={withheld ? 'message__body message__body--withheld' : 'message__body'}
          data-redactable-body=""
          data-message-id={message.id}
        >
          {segments.map((segment) =>
            segment.kind === 'text' ? (
              <span key={segment.start} data-offset={segment.start} data-kind="text">
                {segment.text}
              </span>
            ) : (
              <Box key={segment.start} box={segment} onMenu={menu ? (event) => openMenu(event, menu, message, segment) : undefined} />
            ),
          )}
        </p>
      )}
    </>
  );
}

/**
 * The body as shown: without the platform's edit marker, which the Edited badge stands for. The words
 * before it keep their offsets, so a selection still maps onto the body the case keeps.
 */
function shownSegments(message: TimelineMessage): RedactedBody {
  const shown = message.editMarkerAt === null ? message.body : message.body.slice(0, message.editMarkerAt);
  // bodySegments clips every span to the text it is given.
  return bodySegments(shown, message.redactions);
}

function openMenu(event: MouseEvent<HTMLElement>, menu: BoxMenu, message: TimelineMessage, box: RedactionBox): void {
  event.preventDefault();
  menu.open(message, box, event.currentTarget.getBoundingClientRect());
}

function Box({ box, onMenu }: { readonly box: RedactionBox; readonly onMenu: ((event: MouseEvent<HTMLElement>) => void) | undefined }) {
  return (
    <Tooltip.Root>
      <Tooltip.Trigger asChild>
        <span className="redaction-box" data-offset={box.start} data-kind="box" onContextMenu={onMenu}>
          <span className="visually-hidden">redacted: </span>
          {box.label}
        </span>
      </Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content className="tooltip" side="top" align="start" sideOffset={4}>
          <span className="tooltip__line">Hidden in the bundle: {box.label}</span>
          <span className="tooltip__line">Text: “{box.text}”</span>
          {onMenu && <span className="tooltip__line">Right-click to remove, or use the Redactions list beside the timeline.</span>}
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}
