/**
 * A DOM selection boundary located among a rendered body's segment elements (those with
 * `data-offset`, see RedactableBody), never against the rendered text as a whole: a box shows its
 * label rather than the characters it hides, so screen text and body differ.
 */
import type { Boundary } from './selectionSpan';

/** Locates a DOM boundary among the body element's segment elements (those with `data-offset`). */
export function boundaryIn(body: Element, node: Node, offset: number): Boundary {
  const elements = Array.from(body.querySelectorAll<HTMLElement>('[data-offset]'));
  const range = document.createRange();
  for (const [index, element] of elements.entries()) {
    range.selectNodeContents(element);
    const where = range.comparePoint(node, offset);
    if (where < 0) return { segment: index, edge: 'before' };
    if (where === 0) {
      if (element.dataset.kind === 'text' && node.nodeType === Node.TEXT_NODE && node.parentNode === element)
        return { segment: index, offset };
      // The run's element itself: offset 0 is its start, anything else its end.
      if (element.dataset.kind === 'text' && node === element)
        return offset === 0 ? { segment: index, edge: 'before' } : { segment: index + 1, edge: 'before' };
      return { segment: index, edge: 'inside' };
    }
  }
  return { segment: elements.length, edge: 'before' };
}

/** The body element a node is in, if it is a redactable message body. */
export function bodyElementOf(node: Node | null): HTMLElement | null {
  const element = node instanceof Element ? node : (node?.parentElement ?? null);
  return element?.closest<HTMLElement>('[data-redactable-body]') ?? null;
}
