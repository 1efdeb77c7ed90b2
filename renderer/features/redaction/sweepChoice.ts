/**
 * Which hits of a complete sweep the reviewer accepts, by list index, without holding the list: either
 * every redactable hit but some (every occurrence starts there) or only some (suggestions start
 * with none). Pure.
 */
export type SweepChoiceState =
  { readonly kind: 'all'; readonly except: ReadonlySet<number> } | { readonly kind: 'only'; readonly indices: ReadonlySet<number> };

export const acceptAll = (): SweepChoiceState => ({ kind: 'all', except: new Set() });
export const acceptNone = (): SweepChoiceState => ({ kind: 'only', indices: new Set() });

export const isAccepted = (choice: SweepChoiceState, index: number): boolean =>
  choice.kind === 'all' ? !choice.except.has(index) : choice.indices.has(index);

export function toggle(choice: SweepChoiceState, index: number, accept: boolean): SweepChoiceState {
  const set = new Set(choice.kind === 'all' ? choice.except : choice.indices);
  if (accept === (choice.kind === 'only')) set.add(index);
  else set.delete(index);
  return choice.kind === 'all' ? { kind: 'all', except: set } : { kind: 'only', indices: set };
}

/** How many hits the choice redacts, of `redactable` (hits no live redaction already hides). */
export const acceptedCount = (choice: SweepChoiceState, redactable: number): number =>
  choice.kind === 'all' ? redactable - choice.except.size : choice.indices.size;

/** The choice as `sweeps.apply` takes it. */
export const toArgs = (choice: SweepChoiceState): { kind: 'all'; except: number[] } | { kind: 'only'; indices: number[] } =>
  choice.kind === 'all' ? { kind: 'all', except: [...choice.except] } : { kind: 'only', indices: [...choice.indices] };
