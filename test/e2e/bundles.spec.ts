/**
 * Bundles that say what they are (issue 12): a draft carries DRAFT on every page and DRAFT-
 * references; a second final bundle is numbered after the first; an item classified personal is
 * listed before export, opens in Review, and is produced only once the reviewer ticks the list.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { insertExportRun } from '../../db/queries/export-runs';
import { closeCase, openCase } from '../../main/cases/service';
import { blockingViolations } from './axe';
import { expect, test } from './fixtures';
import { BundlesPage } from './pages/BundlesPage';
import { caseWithMessages, EXPORTS } from './pages/caseWithMessages';
import { seedCase } from './pages/seedCase';
import type { ReviewPage } from './pages/ReviewPage';
import { saveScreen } from './screens';

const pdfPages = (dir: string): string[] => {
  const pdf = readdirSync(dir).find((name) => name.endsWith('.pdf')) ?? 'missing.pdf';
  return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, pdf), '-'], { encoding: 'utf8' })
    .split('\f')
    .slice(0, -1);
};

/** Codes the message holding `text` with the keys given, each of which moves on; then goes back to it. */
async function code(reviewPage: ReviewPage, text: string, keys: readonly string[]): Promise<number> {
  const row = reviewPage.messages().filter({ hasText: text });
  const position = Number(await row.getAttribute('data-position'));
  await row.click();
  for (const key of keys) {
    await reviewPage.page.keyboard.press(key);
    await reviewPage.page.keyboard.press('k');
  }
  return position;
}

test('a draft says DRAFT on every page, uses DRAFT- references and is listed as a draft', async ({
  startPage,
  caseFrame,
  sourcesPage,
  reviewPage,
  shell,
  workspace,
}) => {
  const page = shell.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  await caseWithMessages({ startPage, caseFrame, sourcesPage }, 'Drafts', [EXPORTS.fionaIos]);
  await caseFrame.goTo('Review');
  await reviewPage.expectTimelineOf('Euan Baird');
  await code(reviewPage, 'Thank you for asking', ['d']);

  const bundles = new BundlesPage(page);
  await caseFrame.goTo('Bundles');
  await bundles.settings.getByRole('checkbox', { name: 'Undecided messages too (draft)' }).check();
  await expect(bundles.settings).toContainText('References: DRAFT-INQ000000001');
  await expect(bundles.settings.getByRole('note')).toContainText('DRAFT — NOT FOR DISCLOSURE');
  await expect(bundles.pages.first()).toContainText('DRAFT-INQ000000001');
  await saveScreen(page, 'bundles-draft-preview');
  await bundles.setOutputFolder(join(workspace.caseFolder, 'draft'));
  await bundles.exportAndWait();
  await expect(bundles.outcome.getByRole('heading')).toHaveText('Bundle exported and verified');
  const pages = pdfPages(await bundles.outputDir());
  expect(pages.length).toBeGreaterThan(2);
  for (const [i, text] of pages.entries()) expect(text, `page ${i + 1}`).toContain('DRAFT — NOT FOR DISCLOSURE');
  expect(pages.join('\n')).toContain('DRAFT-INQ000000001');
  await expect(bundles.past.getByRole('row').nth(1)).toContainText('Draft — not for disclosure');
  await expect(bundles.past.getByRole('row').nth(1)).toContainText('DRAFT-INQ000000001');
});

test('a second final bundle starts after the first one’s last number, and a reused number names the bundle that used it', async ({
  startPage,
  caseFrame,
  sourcesPage,
  reviewPage,
  shell,
  workspace,
}) => {
  const page = shell.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  await caseWithMessages({ startPage, caseFrame, sourcesPage }, 'Finals', [EXPORTS.fionaIos]);
  await caseFrame.goTo('Review');
  await reviewPage.expectTimelineOf('Euan Baird');
  await code(reviewPage, 'Thank you for asking', ['d']);

  const bundles = new BundlesPage(page);
  await caseFrame.goTo('Bundles');
  await expect(bundles.settings).toContainText('References: INQ000000001');
  await bundles.setOutputFolder(join(workspace.caseFolder, 'one'));
  await bundles.exportAndWait();
  await expect(bundles.past.getByRole('row')).toHaveCount(2);
  await expect(bundles.settings).toContainText('References: INQ000000002');
  await bundles.setOutputFolder(join(workspace.caseFolder, 'two'));
  await bundles.exportAndWait();
  await expect(bundles.outcome).toContainText('INQ000000002–INQ000000002');
  await expect(bundles.past.getByRole('row').nth(1)).toContainText('INQ000000002');
  await expect(bundles.past.getByRole('row').nth(1)).toContainText('Final');

  await bundles.settings.getByLabel('First number').fill('1');
  await expect(caseFrame.main.getByRole('alert').filter({ hasText: 'The bundle cannot be numbered' })).toContainText(
    'References INQ000000001 would reuse numbers of bundle #1 (INQ000000001)',
  );
  await bundles.past.scrollIntoViewIfNeeded();
  await saveScreen(page, 'bundles-finals');
  expect(await blockingViolations(page, '.bundles__settings, .bundles > .panel:last-child'), 'Bundles, two final bundles').toEqual([]);
  await page.setViewportSize({ width: 1024, height: 640 });
  await bundles.past.scrollIntoViewIfNeeded();
  await saveScreen(page, 'bundles-finals-narrow');
});

test('lists an item classified personal before export, opens it in Review, and exports only once the list is ticked', async ({
  startPage,
  caseFrame,
  sourcesPage,
  reviewPage,
  shell,
  workspace,
}) => {
  const page = shell.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  await caseWithMessages({ startPage, caseFrame, sourcesPage }, 'Consistency', [EXPORTS.fionaIos]);
  await caseFrame.goTo('Review');
  await reviewPage.expectTimelineOf('Euan Baird');
  const position = await code(reviewPage, 'Thank you for asking', ['p', 'd']);
  await expect(reviewPage.codes(position)).toHaveText('PersonalDisclose');

  const bundles = new BundlesPage(page);
  await caseFrame.goTo('Bundles');
  await expect(bundles.toCheck.getByRole('listitem')).toHaveCount(1);
  await expect(bundles.toCheck).toContainText('INQ000000001');
  await expect(bundles.toCheck).toContainText('classified personal');
  await expect(bundles.toCheck).toContainText('Thank you for asking');
  await bundles.toCheck.scrollIntoViewIfNeeded();
  await saveScreen(page, 'bundles-consistency');
  expect(await blockingViolations(page, '.bundles__settings'), 'Bundles, items to check').toEqual([]);

  await bundles.setOutputFolder(join(workspace.caseFolder, 'bundle'));
  await bundles.exportButton.click();
  await expect(caseFrame.main.getByRole('alert').filter({ hasText: 'The bundle cannot be exported' })).toContainText(
    'tick that they may be produced',
  );
  await expect(bundles.outcome).toHaveCount(0);

  await bundles.toCheck.getByRole('button', { name: /^Open in Review/ }).click();
  await expect(caseFrame.screenTitle).toHaveText('Review');
  const current = reviewPage.feed.locator('.timeline__row--active');
  await expect(current).toContainText('Thank you for asking');
  await expect(current).toBeInViewport();
  await caseFrame.goTo('Bundles');
  await bundles.acknowledge.check();
  await bundles.setOutputFolder(join(workspace.caseFolder, 'bundle'));
  await bundles.exportAndWait();
  await expect(bundles.outcome.getByRole('heading')).toHaveText('Bundle exported and verified');
  await expect(bundles.past.getByRole('row').nth(1)).toContainText('1 checked and accepted');
});

test('an export killed mid-way: opening the case removes its unverified folder, and the Bundles screen says the bundle was never written', async ({
  caseFrame,
  shell,
  desk,
  workspace,
}) => {
  const page = shell.page;
  await page.setViewportSize({ width: 1024, height: 640 });
  const info = await seedCase(desk, workspace, { name: 'Interrupted', exports: [EXPORTS.fionaIos] });
  await desk.call('case.close', {});
  // What an export killed during verification leaves: its hidden folder of unverified files, and the
  // case's record that it started (the export never got to drop it).
  const bundleDir = join(workspace.caseFolder, 'exports', 'INQ-first');
  const partial = join(workspace.caseFolder, 'exports', '.INQ-first.partial-1a2b3c4d');
  mkdirSync(partial, { recursive: true });
  writeFileSync(join(partial, 'INQ000000001-INQ000000001.pdf'), '%PDF-1.7 never verified');
  const session = openCase(info.path);
  insertExportRun(session.writable!, {
    partialDir: partial,
    bundleDir,
    startedAt: Date.UTC(2026, 4, 11, 13, 47),
    startedBy: 'test-reviewer',
  });
  closeCase(session);

  await desk.call('case.open', { path: info.path });
  expect(existsSync(partial)).toBe(false);
  await page.reload();
  await caseFrame.expectCase('Interrupted');
  await caseFrame.goTo('Bundles');
  const note = caseFrame.main.getByRole('note').filter({ hasText: 'was interrupted before it finished' });
  await expect(note).toContainText(`The export into ${bundleDir}, started`);
  await expect(note).toContainText('no bundle was written');
  await expect(note).toContainText(partial);
  await saveScreen(page, 'bundles-interrupted-export');
  expect(await blockingViolations(page, '.bundles__interrupted'), 'Bundles, interrupted export note').toEqual([]);
});
