/**
 * Which messages of a conversation are selected, as ranges of positions: "the whole conversation"
 * of a million messages is one range, not a million ids. Pure; the timeline holds one of these.
 */

/** Inclusive positions, `from` ≤ `to`. */
export interface PositionRange {
  readonly from: number;
  readonly to: number;
}

export interface Selection {
  /** Where Shift+click and Shift+↑/↓ extend from: the last position clicked without Shift. */
  readonly anchor: number;
  /** Sorted, disjoint and not touching. */
  readonly ranges: readonly PositionRange[];
}

export const single = (position: number): Selection => ({ anchor: position, ranges: [{ from: position, to: position }] });

export const all = (total: number): Selection => ({ anchor: 0, ranges: total > 0 ? [{ from: 0, to: total - 1 }] : [] });

/** Sorts and merges overlapping or adjacent ranges. */
function normalise(ranges: readonly PositionRange[]): PositionRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const merged: PositionRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.to + 1) merged[merged.length - 1] = { from: last.from, to: Math.max(last.to, range.to) };
    else merged.push(range);
  }
  return merged;
}

export function includes(selection: Selection, position: number): boolean {
  return selection.ranges.some((range) => position >= range.from && position <= range.to);
}

export function size(selection: Selection): number {
  return selection.ranges.reduce((sum, range) => sum + range.to - range.from + 1, 0);
}

/** Ctrl/Cmd+click: adds or removes one position, which becomes the anchor. */
export function toggle(selection: Selection, position: number): Selection {
  if (!includes(selection, position))
    return { anchor: position, ranges: normalise([...selection.ranges, { from: position, to: position }]) };
  const ranges = selection.ranges.flatMap((range) => {
    if (position < range.from || position > range.to) return [range];
    return [
      ...(range.from < position ? [{ from: range.from, to: position - 1 }] : []),
      ...(position < range.to ? [{ from: position + 1, to: range.to }] : []),
    ];
  });
  return { anchor: position, ranges };
}

/** Shift+click or Shift+↑/↓: everything from the anchor to `position`, as file managers do. */
export function extend(selection: Selection, position: number): Selection {
  const { anchor } = selection;
  return { anchor, ranges: [{ from: Math.min(anchor, position), to: Math.max(anchor, position) }] };
}

/** Every selected position, in order. */
export function* positions(selection: Selection): Generator<number> {
  for (const range of selection.ranges) for (let position = range.from; position <= range.to; position++) yield position;
}
