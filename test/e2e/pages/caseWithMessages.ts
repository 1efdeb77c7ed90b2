import { expect } from '@playwright/test';
import { join, resolve } from 'node:path';
import type { CaseFramePage } from './CaseFramePage';
import type { SourcesPage } from './SourcesPage';
import type { StartPage } from './StartPage';

const FIXTURES = resolve(__dirname, '..', '..', 'fixtures');

/** The fixtures the review and search specs import, with what the import reports for each. */
export const EXPORTS = {
  /** Fiona Laird's one-to-one with Euan Baird: 57 messages. */
  fionaIos: {
    path: join(FIXTURES, 'whatsapp', 'ios-en-GB.zip'),
    custodian: 'Fiona Laird',
    done: 'Imported. 57 messages in 1 conversation',
  },
  /** The "Covid Core" group from Euan Baird's Android phone. */
  euanGroup: { path: join(FIXTURES, 'whatsapp', 'android-en-GB-24h.txt'), custodian: 'Euan Baird', done: /Imported\. \d+ messages/ },
} as const;

type Export = (typeof EXPORTS)[keyof typeof EXPORTS];

/** Creates a case and imports exports into it through the Sources screen, as a reviewer would. */
export async function caseWithMessages(
  pages: { readonly startPage: StartPage; readonly caseFrame: CaseFramePage; readonly sourcesPage: SourcesPage },
  name: string,
  exports: readonly Export[],
  details: { readonly path?: string } = {},
): Promise<void> {
  const { startPage, caseFrame, sourcesPage } = pages;
  await startPage.createCase({ name, inquiry: 'UK Covid-19 Inquiry', requestReference: 'M2/R9/044', ...details });
  await caseFrame.expectCase(name);
  await caseFrame.goTo('Sources');
  for (const source of exports) {
    await sourcesPage.fillImport({ custodian: source.custodian });
    await sourcesPage.addPath(source.path);
    await sourcesPage.startImport();
    await expect(sourcesPage.job(source.path.split('/').pop() ?? '')).toContainText(source.done, { timeout: 20_000 });
  }
}
