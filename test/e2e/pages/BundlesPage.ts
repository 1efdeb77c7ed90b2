import { expect, type Locator, type Page } from '@playwright/test';

/** The Bundles screen: settings, page preview, export with progress and verification, past bundles. */
export class BundlesPage {
  readonly settings: Locator;
  readonly preview: Locator;
  readonly pages: Locator;
  readonly exportButton: Locator;
  readonly outcome: Locator;
  readonly verification: Locator;
  readonly past: Locator;
  /** The items to check before export, and the tick that accepts them. */
  readonly toCheck: Locator;
  readonly acknowledge: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.settings = main.getByRole('region', { name: 'Settings' });
    this.preview = main.getByRole('region', { name: 'Preview of the first pages' });
    this.pages = this.preview.getByRole('list', { name: 'First pages' }).getByRole('listitem');
    this.exportButton = main.getByRole('button', { name: /^(Export bundle|Export draft|Re-issue bundle)$/ });
    this.outcome = main.getByRole('region', { name: /^Bundle exported/ });
    this.verification = this.outcome.getByRole('list', { name: 'Verification' });
    this.past = main.getByRole('region', { name: 'Bundles produced' });
    this.toCheck = main.getByRole('region', { name: 'Items to check before export' });
    this.acknowledge = main.getByRole('checkbox', { name: /^I have looked at / });
  }

  async setOutputFolder(path: string): Promise<void> {
    await this.settings.getByLabel('Output folder').fill(path);
  }

  /**
   * Exports and waits for the verified result, recording whether the progress bar was ever shown (a
   * small bundle can finish between two polls, so a MutationObserver watches for it).
   */
  async exportAndWait(): Promise<{ readonly sawProgress: boolean }> {
    await this.page.evaluate(() => {
      const seen = { progress: false };
      (window as unknown as { __exportSeen: typeof seen }).__exportSeen = seen;
      new MutationObserver(() => {
        if (document.querySelector('[role="progressbar"][aria-label="Bundle export"]')) seen.progress = true;
      }).observe(document.body, { subtree: true, childList: true });
    });
    await this.exportButton.click();
    await expect(this.outcome).toBeVisible({ timeout: 60_000 });
    const sawProgress = await this.page.evaluate(
      () => (window as unknown as { __exportSeen: { progress: boolean } }).__exportSeen.progress,
    );
    return { sawProgress };
  }

  /** The output folder the finished export reports. */
  async outputDir(): Promise<string> {
    return (await this.outcome.locator('.export-outcome__path').textContent()) ?? '';
  }
}
