import { expect, type Locator, type Page } from '@playwright/test';
import type { ReviewPage } from './ReviewPage';

/** Redacting in the Review screen's timeline: drag across words, choose a reason in the popover. */
export class RedactInPlace {
  readonly popover: Locator;
  readonly panel: Locator;

  constructor(
    readonly page: Page,
    readonly review: ReviewPage,
  ) {
    this.popover = page.getByRole('dialog', { name: 'Redact' });
    this.panel = review.side.getByRole('region', { name: /^Redactions/ });
  }

  body(position: number): Locator {
    return this.review.messageAt(position).locator('[data-redactable-body]');
  }

  boxes(position: number): Locator {
    return this.body(position).locator('.redaction-box');
  }

  /**
   * Selects `text` in a message body with the mouse, as a reviewer would: press just inside its first
   * character, drag to just inside its last, release.
   */
  async dragAcross(position: number, text: string): Promise<void> {
    const body = this.body(position);
    await body.scrollIntoViewIfNeeded();
    // The colour emoji font loads when the first emoji is drawn; its glyphs' widths move the text after.
    await this.page.evaluate(async () => {
      await document.fonts.ready;
    });
    const ends = await body.evaluate((element, wanted) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(wanted) ?? -1;
        if (at < 0) continue;
        const rectOf = (from: number, to: number): DOMRect => {
          const range = document.createRange();
          range.setStart(node, from);
          range.setEnd(node, to);
          return range.getBoundingClientRect();
        };
        const first = rectOf(at, at + 1);
        const last = rectOf(at + wanted.length - 1, at + wanted.length);
        return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
      }
      throw new Error(`"${wanted}" is not in the message body`);
    }, text);
    await this.page.mouse.move(ends.x1, ends.y1);
    await this.page.mouse.down();
    await this.page.mouse.move((ends.x1 + ends.x2) / 2, ends.y2, { steps: 4 });
    await this.page.mouse.move(ends.x2, ends.y2, { steps: 4 });
    await this.page.mouse.up();
  }

  async chooseReason(label: string): Promise<void> {
    await this.popover.getByRole('radio', { name: new RegExp(`^${label}`) }).click();
  }

  async expectBox(position: number, label: string): Promise<void> {
    await expect(this.boxes(position).filter({ hasText: label })).toHaveCount(1);
  }
}
