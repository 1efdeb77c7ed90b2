import { expect, type Locator, type Page } from '@playwright/test';

/** The Sources screen: the import form, the running imports, custodians, the sources table and a source's details. */
export class SourcesPage {
  readonly importForm: Locator;
  readonly imports: Locator;
  readonly custodians: Locator;
  readonly sources: Locator;
  readonly sourcesTable: Locator;
  readonly details: Locator;
  readonly dropZone: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.importForm = main.getByRole('form', { name: 'Import' });
    this.imports = main.getByRole('region', { name: 'Imports' });
    this.custodians = main.getByRole('region', { name: 'Custodians' });
    this.sources = main.getByRole('region', { name: 'Sources', exact: true });
    this.sourcesTable = this.sources.getByRole('table', { name: 'Sources' });
    this.details = main.getByRole('region', { name: /^Source details/ });
    this.dropZone = page.getByTestId('drop-zone');
  }

  field(label: string): Locator {
    return this.importForm.getByLabel(label, { exact: true });
  }

  /** Types a path into the path field and presses Enter, as a reviewer pasting it would. */
  async addPath(path: string): Promise<void> {
    await this.field('Path of a file or folder').fill(path);
    await this.field('Path of a file or folder').press('Enter');
  }

  /** One queued file, by its file name. */
  queued(fileName: string): Locator {
    return this.importForm.getByRole('list', { name: 'Files to import' }).getByRole('listitem').filter({ hasText: fileName });
  }

  async fillImport({ custodian, device }: { readonly custodian: string; readonly device?: string }): Promise<void> {
    await this.field('Custodian').fill(custodian);
    if (device !== undefined) await this.field('Device (optional)').fill(device);
  }

  async startImport(): Promise<void> {
    await this.importForm.getByRole('button', { name: /^Import/ }).click();
  }

  /** A job in the Imports list, by the file it imports. */
  job(fileName: string): Locator {
    // By the job's own name: its warnings are list items too, and may name the file.
    return this.imports.getByRole('listitem').filter({ has: this.page.getByText(fileName, { exact: true }) });
  }

  /** A row of the sources table, by file name. */
  sourceRow(fileName: string): Locator {
    return this.sourcesTable.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: fileName }) });
  }

  /** The value in a row's column, by the column's heading. */
  async cell(fileName: string, column: string): Promise<Locator> {
    const headings = await this.sourcesTable.getByRole('columnheader').allInnerTexts();
    const index = headings.findIndex((heading) => heading.startsWith(column));
    expect(index, `no column "${column}"`).toBeGreaterThanOrEqual(0);
    return this.sourceRow(fileName)
      .getByRole(index === 0 ? 'rowheader' : 'cell')
      .nth(index === 0 ? 0 : index - 1);
  }

  async openSource(fileName: string): Promise<void> {
    await this.sourcesTable.getByRole('button', { name: fileName, exact: true }).click();
    await expect(this.details).toBeVisible();
  }

  /** A row of the source details, by its label. */
  detail(label: string): Locator {
    return this.details.locator('.details__row', { has: this.page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
  }

  notesGroup(title: 'Warnings' | 'Assumptions' | 'Repairs'): Locator {
    return this.details.getByRole('region', { name: new RegExp(`^${title} \\(\\d+\\)$`) });
  }
}
