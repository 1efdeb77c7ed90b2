/**
 * The Search screen with real handlers: a query with a filter, highlighted snippets, a hit opened in
 * its conversation, "classify all results", and a keyword list's hit report exported as CSV.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { EXPORTS } from './pages/caseWithMessages';
import { openSeededCase } from './pages/seedCase';
import { SearchPage } from './pages/SearchPage';
import { saveScreen } from './screens';

test('searches with a filter and opens a hit in its conversation', async ({ caseFrame, reviewPage, shell, desk, workspace }) => {
  const search = new SearchPage(shell.page);
  await openSeededCase({ desk, workspace, caseFrame }, 'Search case', [EXPORTS.fionaIos, EXPORTS.euanGroup]);

  // "/" from anywhere goes to the search box.
  await caseFrame.goTo('Review');
  await shell.page.keyboard.press('/');
  await expect(caseFrame.screenTitle).toHaveText('Search');
  await expect(search.query).toBeFocused();

  await shell.page.keyboard.type('hospitality');
  await shell.page.keyboard.press('Enter');
  await expect(search.count).toHaveText(/^\d+ results?$/);
  const everyone = Number((await search.count.innerText()).split(' ')[0]);
  await expect(search.hits().first().locator('mark').first()).toHaveText(/hospitality/i);

  await search.filter('Custodian').selectOption({ label: 'Fiona Laird' });
  await expect(search.count).not.toHaveText(`${everyone} results`);
  const fionas = Number((await search.count.innerText()).split(' ')[0]);
  expect(fionas).toBeGreaterThan(0);
  expect(fionas).toBeLessThan(everyone);
  await expect(search.hits().first()).toContainText('Fiona Laird');
  await saveScreen(shell.page, 'search-results');

  // Keyboard: into the list, Enter opens the hit in context on the Review screen.
  const firstHit = await search.hits().first().locator('.hit__snippet').innerText();
  await search.hits().first().focus();
  await shell.page.keyboard.press('Enter');
  await expect(caseFrame.screenTitle).toHaveText('Review');
  await reviewPage.expectTimelineOf('Euan Baird');
  const current = reviewPage.feed.locator('.timeline__row--active');
  await expect(current).toContainText(firstHit.replace(/…/g, '').trim().slice(0, 20));
  await expect(current).toBeInViewport();
});

test('classifies every result at once, and reports a keyword list as a table and a CSV', async ({ caseFrame, workspace, shell, desk }) => {
  const search = new SearchPage(shell.page);
  await openSeededCase({ desk, workspace, caseFrame }, 'Keywords case', [EXPORTS.fionaIos]);
  await caseFrame.goTo('Search');

  await search.search('dad');
  await expect(search.count).toHaveText(/^\d+ results?$/);
  const dad = Number((await search.count.innerText()).split(' ')[0]);
  await caseFrame.main.getByRole('button', { name: /^Classify all \d+ results/ }).click();
  const dialog = shell.page.getByRole('dialog', { name: /^Classify all/ });
  await dialog.getByLabel('Classification').selectOption({ label: 'Personal' });
  await dialog.getByRole('button', { name: 'Preview…' }).click();
  await expect(dialog).toContainText(`${dad} messages will change.`);
  await dialog.getByRole('button', { name: /^Apply to/ }).click();
  await expect(caseFrame.main.getByRole('status').filter({ hasText: 'changed' })).toHaveText(`${dad} messages of ${dad} results changed.`);
  await expect(search.hits().first()).toContainText('Personal');

  await search.filter('Classification').selectOption({ label: 'Personal' });
  await expect(search.count).toHaveText(`${dad} results`);

  await search.keywordsTab.click();
  await search.keywordForm.getByLabel('Keyword list').fill('dad\nhospitality\nzebra crossing');
  await search.keywordForm.getByRole('button', { name: 'Run report' }).click();
  // The Search tab's Personal filter narrows the report too: "dad" finds what the search found.
  await expect(search.reportRow('dad').getByRole('cell').first()).toHaveText(String(dad));
  await expect(search.reportRow('zebra crossing').getByRole('cell')).toHaveText(['0', '0', '0', '0']);
  await expect(search.report.getByRole('row', { name: /^Total/ })).toBeVisible();
  await saveScreen(shell.page, 'search-keywords');

  const csv = workspace.casePath('hits.csv');
  await search.report.getByLabel('Save the report as CSV').fill(csv);
  await search.report.getByRole('button', { name: 'Export CSV' }).click();
  await expect(search.report.getByRole('status')).toContainText('Saved 4 rows');
  expect(existsSync(csv)).toBe(true);
  expect(readFileSync(csv, 'utf8')).toContain('zebra crossing');
});
