/**
 * Redaction through the UI, end to end: a span selected with the mouse in the Review timeline is
 * redacted with a reason and drawn in place; the outcome moves to "disclose with redactions"; the
 * bundle is exported and verified, and the PDF on disk has the neighbouring words but not the span.
 * Also: H on a message with nothing selected withholds it whole, and removing that redaction from
 * the side panel keeps it in the message's history.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { BundlesPage } from './pages/BundlesPage';
import { EXPORTS } from './pages/caseWithMessages';
import { openSeededCase } from './pages/seedCase';
import { RedactInPlace } from './pages/RedactInPlace';
import { saveScreen } from './screens';

const HIDDEN = "he's home tomorrow";

test('redacts a span selected with the mouse, and the exported PDF does not contain it', async ({
  caseFrame,
  reviewPage,
  shell,
  workspace,
  openedFolders,
  desk,
}) => {
  const page = shell.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  await openSeededCase({ desk, workspace, caseFrame }, 'Redaction', [EXPORTS.fionaIos]);
  await caseFrame.goTo('Review');
  await reviewPage.expectTimelineOf('Euan Baird');
  const redact = new RedactInPlace(page, reviewPage);

  // "All clear 🙏 he's home tomorrow. …": the emoji before the span is two UTF-16 units.
  const row = reviewPage.messages().filter({ hasText: 'All clear' });
  const position = Number(await row.getAttribute('data-position'));
  await row.click();
  await page.keyboard.press('d');
  await expect(reviewPage.codes(position)).toHaveText('Disclose');

  await redact.dragAcross(position, HIDDEN);
  await expect(redact.popover).toBeVisible();
  await expect(redact.popover).toContainText(`Hide “${HIDDEN}” in the bundle`);
  await redact.chooseReason('Article 8: private and family life');
  await saveScreen(page, 'redact-popover');
  await redact.popover.getByRole('button', { name: 'Redact', exact: true }).click();
  await expect(redact.popover).toBeHidden();

  await redact.expectBox(position, 'Article 8: private and family life');
  await expect(redact.boxes(position)).toContainText('redacted: Article 8');
  await expect(redact.body(position)).toContainText('All clear 🙏');
  await expect(redact.body(position)).toContainText('. Thank you for asking x');
  await expect(redact.body(position)).not.toContainText('home tomorrow');
  await expect(reviewPage.codes(position)).toHaveText('Disclose with redactions');
  await expect(reviewPage.announcer).toContainText(
    'Text redacted: Article 8: private and family life. Outcome now Disclose with redactions.',
  );
  await expect(redact.panel).toContainText(`“${HIDDEN}” — Article 8: private and family life`);
  await saveScreen(page, 'redact-in-place');

  // H with nothing selected withholds the whole (current) message; Remove takes it back, kept in history.
  const other = reviewPage.messages().filter({ hasText: 'How did the scan go?' });
  const otherPosition = Number(await other.getAttribute('data-position'));
  await other.click();
  await page.keyboard.press('h');
  await expect(redact.popover).toContainText('Withhold the whole message from the bundle');
  await redact.chooseReason('Personal data \\(third party\\)');
  await redact.popover.getByRole('button', { name: 'Withhold', exact: true }).click();
  await expect(reviewPage.messageAt(otherPosition)).toContainText(
    'The whole message is withheld from the bundle: Personal data (third party)',
  );
  await expect(reviewPage.messageAt(otherPosition)).toBeFocused();
  await redact.panel.getByRole('button', { name: /^Remove redaction: Whole message/ }).click();
  await expect(reviewPage.messageAt(otherPosition)).not.toContainText('withheld from the bundle');
  await expect(redact.panel.locator('.message-redactions__removed')).toContainText('Whole message — Personal data (third party)');
  await expect(redact.panel.locator('.message-redactions__removed')).toContainText(/removed .* e2e-reviewer/);

  const bundles = new BundlesPage(page);
  await caseFrame.goTo('Bundles');
  await expect(bundles.preview).toContainText('1 document, 1 message produced');
  await expect(bundles.pages.first()).toBeVisible();
  const out = join(workspace.caseFolder, 'bundle-out');
  // What an export killed during verification leaves beside its bundle: the next export removes it and says so.
  const leftover = join(workspace.caseFolder, '.earlier.partial-1a2b3c4d');
  mkdirSync(leftover);
  writeFileSync(join(leftover, 'INQ000001-INQ000001.pdf'), '%PDF-1.7 never verified');
  await bundles.setOutputFolder(out);
  // An Article 8 redaction without an assessment is on the list to check first, until it is accepted.
  await expect(bundles.toCheck).toContainText('Article 8 engaged, no assessment');
  await bundles.acknowledge.check();
  const { sawProgress } = await bundles.exportAndWait();
  await expect(bundles.outcome.getByRole('note')).toContainText(
    `Removed 1 unfinished export folder that an interrupted export had left beside this bundle`,
  );
  await expect(bundles.outcome.getByRole('note')).toContainText(leftover);
  expect(existsSync(leftover)).toBe(false);
  expect(sawProgress, 'the progress bar was shown while exporting').toBe(true);
  await expect(bundles.outcome.getByRole('heading')).toHaveText('Bundle exported and verified');
  await expect(bundles.verification.getByRole('listitem')).toHaveCount(5);
  await expect(bundles.verification.getByText('Failed')).toHaveCount(0);
  await expect(bundles.verification.getByRole('listitem').filter({ hasText: 'No redacted text appears in the PDF' })).toContainText(
    'Passed',
  );
  await expect(bundles.past.getByRole('row')).toHaveCount(2);
  await bundles.outcome.scrollIntoViewIfNeeded();
  await saveScreen(page, 'bundle-exported');

  const dir = await bundles.outputDir();
  expect(existsSync(dir)).toBe(true);
  await bundles.outcome.getByRole('button', { name: 'Open folder' }).click();
  await expect.poll(() => openedFolders).toEqual([dir]);
  const pdf = readdirSync(dir).find((name) => name.endsWith('.pdf'));
  expect(pdf, 'a PDF in the output folder').toBeDefined();
  const text = execFileSync('pdftotext', ['-layout', join(dir, pdf ?? ''), '-'], { encoding: 'utf8' });
  expect(text).toContain('All clear');
  expect(text).toContain('Thank you for asking');
  expect(text).not.toContain('home tomorrow');
  expect(text).not.toContain('tomorrow');
});
