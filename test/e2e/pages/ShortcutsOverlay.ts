import { expect, type Locator, type Page } from '@playwright/test';

export class ShortcutsOverlay {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  }

  async expectOpen(): Promise<void> {
    await expect(this.dialog).toBeVisible();
  }

  async expectClosed(): Promise<void> {
    await expect(this.dialog).toBeHidden();
  }

  /** The keys listed for an action, as the overlay shows them ("Ctrl+N"). */
  keysFor(action: string): Locator {
    return this.dialog
      .locator('.shortcuts-dialog__row', { has: this.page.locator('dt', { hasText: new RegExp(`^${action}$`) }) })
      .locator('dd');
  }
}
