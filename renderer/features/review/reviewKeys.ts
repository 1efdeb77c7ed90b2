/**
 * The Review screen's one-key commands (docs/spec.md §5): the map the key handler reads and the shortcuts
 * overlay lists, so the two cannot disagree. Letters are ignored while typing in a field. Pure.
 */
import type { Classification, Outcome, Relevance } from '../../../common/domain/model';

export interface ReviewChangeKey {
  readonly classification?: Classification;
  readonly relevance?: Relevance;
  readonly outcome?: Outcome;
}

export type ReviewAction =
  | { readonly kind: 'move'; readonly delta: 1 | -1 }
  /** Page Down, Page Up, Home and End: a screenful, or either end, of the timeline. */
  | { readonly kind: 'page'; readonly key: PagingKey }
  | { readonly kind: 'decide'; readonly change: ReviewChangeKey; readonly label: string }
  | { readonly kind: 'undo' }
  | { readonly kind: 'redo' }
  | { readonly kind: 'article8' }
  /** ] and [: into the current message's attachments, one by one, and back out to the message past either end. */
  | { readonly kind: 'attachment'; readonly delta: 1 | -1 }
  /** H: hide the selected text (or withhold the whole message) with a reason. */
  | { readonly kind: 'redact' };

export interface ReviewBinding {
  /** `event.key`, lower-cased: the letter pressed without Shift. */
  readonly key: string;
  readonly description: string;
  readonly action: ReviewAction;
}

const decide = (label: string, change: ReviewChangeKey): ReviewAction => ({ kind: 'decide', change, label });

export const REVIEW_BINDINGS = {
  moving: [
    { key: 'j', description: 'Next message', action: { kind: 'move', delta: 1 } },
    { key: 'k', description: 'Previous message', action: { kind: 'move', delta: -1 } },
  ],
  coding: [
    { key: 'b', description: 'Business', action: decide('business', { classification: 'business' }) },
    { key: 'p', description: 'Personal', action: decide('personal', { classification: 'personal' }) },
    { key: 'm', description: 'Mixed', action: decide('mixed', { classification: 'mixed' }) },
    { key: 'u', description: 'Unclassified', action: decide('unclassified', { classification: 'unclassified' }) },
    { key: 'r', description: 'Relevant', action: decide('relevant', { relevance: 'relevant' }) },
    { key: 'n', description: 'Not relevant', action: decide('not relevant', { relevance: 'not_relevant' }) },
    { key: 'd', description: 'Disclose', action: decide('disclose', { outcome: 'disclose' }) },
    // E for "edited": D is taken by plain disclosure, and R by relevance.
    { key: 'e', description: 'Disclose with redactions', action: decide('disclose with redactions', { outcome: 'disclose_redacted' }) },
    { key: 'x', description: 'Withhold', action: decide('withhold', { outcome: 'withhold' }) },
    { key: 'a', description: 'Fill in the Article 8 assessment', action: { kind: 'article8' } },
  ],
  // Brackets: every letter near J and K is taken, and Enter and the arrows belong to the attachment viewer.
  attachments: [
    {
      key: ']',
      description: 'Code the next attachment of the message (past the last, the message again)',
      action: { kind: 'attachment', delta: 1 },
    },
    {
      key: '[',
      description: 'Code the previous attachment of the message (before the first, the message again)',
      action: { kind: 'attachment', delta: -1 },
    },
  ],
  // H for "hide": R is relevance and X is withhold.
  redacting: [
    { key: 'h', description: 'Redact the selected text, or withhold the whole message, with a reason', action: { kind: 'redact' } },
  ],
} as const satisfies Record<string, readonly ReviewBinding[]>;

const BY_KEY = new Map<string, ReviewAction>(
  [...REVIEW_BINDINGS.moving, ...REVIEW_BINDINGS.coding, ...REVIEW_BINDINGS.attachments, ...REVIEW_BINDINGS.redacting].map((binding) => [
    binding.key,
    binding.action,
  ]),
);

export const PAGING_KEYS = ['PageDown', 'PageUp', 'Home', 'End'] as const;
export type PagingKey = (typeof PAGING_KEYS)[number];
const isPagingKey = (key: string): key is PagingKey => (PAGING_KEYS as readonly string[]).includes(key);

export interface ReviewKeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

/** The action for a key press on the Review screen, or null when the key means nothing there. */
export function reviewActionForKey(press: ReviewKeyPress, isMac: boolean): ReviewAction | null {
  if (press.altKey) return null;
  const key = press.key.toLowerCase();
  const mod = isMac ? press.metaKey : press.ctrlKey;
  const otherMod = isMac ? press.ctrlKey : press.metaKey;
  if (mod || otherMod) {
    if (!mod || otherMod) return null;
    if (key === 'z') return { kind: press.shiftKey ? 'redo' : 'undo' };
    if (key === 'y' && !isMac && !press.shiftKey) return { kind: 'redo' };
    return null;
  }
  if (key === 'z') return { kind: press.shiftKey ? 'redo' : 'undo' };
  if (press.shiftKey) return null;
  // Listed in the shortcuts overlay already (app/shortcuts.ts); here so they work wherever focus is on the screen.
  if (isPagingKey(press.key)) return { kind: 'page', key: press.key };
  return BY_KEY.get(key) ?? null;
}
