/**
 * Item references (docs/spec.md §7): `<PREFIX><zero-padded number>`, e.g. INQ000236371 — one per document
 * unit (a conversation extract, or a 24-hour slice of one), numbered consecutively from a chosen first
 * number. Pure.
 */

export class ReferenceOverflowError extends Error {
  constructor(number: number, width: number) {
    super(`Reference number ${number} does not fit in ${width} digits: choose a lower first number or a wider reference.`);
    this.name = 'ReferenceOverflowError';
  }
}

export function formatReference(prefix: string, number: number, width: number): string {
  const digits = String(number);
  if (digits.length > width) throw new ReferenceOverflowError(number, width);
  return `${prefix}${digits.padStart(width, '0')}`;
}

/** Hands out references in order: the n-th document unit gets `first + n`. */
export function referenceSequence(prefix: string, first: number, width: number): () => string {
  let next = first;
  return () => formatReference(prefix, next++, width);
}
