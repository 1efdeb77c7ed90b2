import { expect, type Locator, type Page } from '@playwright/test';

/** The Search screen: the query box, filters, the result list and the keyword-list tab. */
export class SearchPage {
  readonly query: Locator;
  readonly filters: Locator;
  readonly results: Locator;
  readonly count: Locator;
  readonly keywordsTab: Locator;
  readonly keywordForm: Locator;
  readonly report: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.query = main.getByRole('searchbox', { name: 'Search query' });
    this.filters = main.getByRole('region', { name: /^Filters/ });
    this.results = main.getByRole('listbox', { name: /^Results/ });
    this.count = main.locator('#search-results-title');
    this.keywordsTab = main.getByRole('tab', { name: 'Keyword lists' });
    this.keywordForm = main.getByRole('form', { name: 'Keyword list' });
    this.report = main.getByRole('region', { name: 'Hit report' });
  }

  async search(text: string): Promise<void> {
    await this.query.fill(text);
    await this.query.press('Enter');
  }

  filter(label: string): Locator {
    return this.filters.getByLabel(label, { exact: true });
  }

  hits(): Locator {
    return this.results.getByRole('option');
  }

  /** A row of the hit report, by its term. */
  reportRow(term: string): Locator {
    return this.report.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: term, exact: true }) });
  }

  async expectCount(text: string | RegExp): Promise<void> {
    await expect(this.count).toHaveText(text);
  }
}
