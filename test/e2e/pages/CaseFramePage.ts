import { expect, type Locator, type Page } from '@playwright/test';

/** The frame around an open case: marking banner, header, screen navigation and main area. */
export class CaseFramePage {
  readonly header: Locator;
  readonly caseName: Locator;
  readonly nav: Locator;
  readonly main: Locator;
  readonly screenTitle: Locator;

  constructor(readonly page: Page) {
    this.header = page.getByRole('banner');
    this.caseName = this.header.getByRole('heading', { level: 1 });
    this.nav = page.getByRole('navigation', { name: 'Case screens' });
    this.main = page.getByRole('main');
    this.screenTitle = this.main.getByRole('heading', { level: 2 });
  }

  async expectCase(name: string): Promise<void> {
    await expect(this.caseName).toHaveText(name);
  }

  /** The protective-marking banner; its text starts with a visually hidden "Protective marking:". */
  marking(): Locator {
    return this.header.locator('.marking-banner');
  }

  screenLink(label: string): Locator {
    return this.nav.getByRole('button', { name: label, exact: true });
  }

  async goTo(label: string): Promise<void> {
    await this.screenLink(label).click();
    await expect(this.screenTitle).toHaveText(label);
  }

  /** The value shown for a count on the Overview ("Messages" → "0"). */
  count(label: string): Locator {
    return this.main.locator('.counts__item', { has: this.page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
  }

  /** A row of the Overview's case details. */
  detail(label: string): Locator {
    return this.main.locator('.details__row', { has: this.page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
  }

  async close(): Promise<void> {
    await this.header.getByRole('button', { name: 'Close case' }).click();
  }
}
