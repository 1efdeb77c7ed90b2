import type { Page } from '@playwright/test';
import { join } from 'node:path';

export const SCREENS_DIR = join('test-results', 'screens');

/** A full-page screenshot under test-results/screens/, for a person to look at. */
export async function saveScreen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
}
