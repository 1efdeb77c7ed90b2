import type { Locator, Page } from '@playwright/test';

/** The Audit screen: filters, the virtualised log (a listbox of entries), the selected entry and "Verify chain". */
export class AuditPage {
  readonly list: Locator;
  readonly filters: Locator;
  readonly count: Locator;
  readonly empty: Locator;
  readonly selected: Locator;
  readonly verifyButton: Locator;
  readonly verifyResult: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.list = main.getByRole('listbox', { name: /^Audit entries/ });
    this.filters = main.getByRole('search', { name: 'Filter the audit log' });
    this.count = main.locator('.audit__count');
    this.empty = main.locator('.audit-list__empty');
    this.selected = main.getByRole('region', { name: 'Selected entry' });
    this.verifyButton = main.getByRole('button', { name: 'Verify chain' });
    this.verifyResult = main.locator('.audit-verify');
  }

  entries(): Locator {
    return this.list.getByRole('option');
  }

  filter(label: string): Locator {
    return this.filters.getByLabel(label, { exact: true });
  }
}
