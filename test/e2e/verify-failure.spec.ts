/**
 * A refused export names its cause and opens the place to fix it (issue 12, "what was seen" 3): a
 * phone number redacted in a message is also printed as a sender's name, so verification refuses
 * the bundle. The refusal names the redaction (reason, conversation, time, reference), the page of
 * the reference and the bundle page it was found on, and why; its button opens the sender's message
 * in Review, beside "Redact this sender's name…" (that redacting it lets the export verify is
 * test/main/export/label-redactions.test.ts).
 */
import { expect } from '@playwright/test';
import { blockingViolations } from './axe';
import { test } from './fixtures';
import { BundlesPage } from './pages/BundlesPage';
import { caseWithMessages, EXPORTS } from './pages/caseWithMessages';
import { RedactInPlace } from './pages/RedactInPlace';
import { SearchPage } from './pages/SearchPage';
import { saveScreen } from './screens';

const PHONE = '+44 7700 900555';
const CONTACT = 'Personal data (contact details)';

test('a number redacted in a message but printed as a sender: the refusal names it, and its button opens the sender’s message to fix', async ({
  startPage,
  caseFrame,
  sourcesPage,
  reviewPage,
  shell,
  workspace,
}) => {
  const page = shell.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  await caseWithMessages({ startPage, caseFrame, sourcesPage }, 'Leak', [EXPORTS.euanGroup]);

  // The notice "+44 7700 900555 joined using this group's invite link", opened from Search.
  const search = new SearchPage(page);
  await caseFrame.goTo('Search');
  await search.search('"invite link"');
  await search.hits().first().focus();
  await page.keyboard.press('Enter');
  await reviewPage.expectTimelineOf('Covid Core Group');
  const joined = reviewPage.feed.locator('.timeline__row--active');
  await expect(joined).toContainText('joined using this group');
  const joinedAt = Number(await joined.getAttribute('data-position'));
  await page.keyboard.press('d');
  await expect(reviewPage.codes(joinedAt)).toHaveText('Disclose');
  const redact = new RedactInPlace(page, reviewPage);
  await redact.dragAcross(joinedAt, PHONE);
  await redact.chooseReason(CONTACT.replace(/[()]/g, '\\$&'));
  await redact.popover.getByRole('button', { name: 'Redact', exact: true }).click();
  await redact.expectBox(joinedAt, CONTACT);
  // The number's own message ("Hi all – Morag Campbell, comms…") is disclosed: its sender heading prints the number.
  const hiAll = reviewPage.messageAt(joinedAt + 1);
  await expect(hiAll).toContainText('Hi all');
  await hiAll.click();
  await page.keyboard.press('d');
  await expect(reviewPage.codes(joinedAt + 1)).toHaveText('Disclose');

  const bundles = new BundlesPage(page);
  await caseFrame.goTo('Bundles');
  await bundles.setOutputFolder(`${workspace.caseFolder}/bundle`);
  await bundles.exportButton.click();
  const refused = page.getByRole('region', { name: 'Export refused: the bundle failed verification' });
  await expect(refused).toBeVisible({ timeout: 10_000 });
  await expect(refused).toContainText('Nothing was written or recorded. 1 problem to fix, then export again.');
  const failure = refused.getByRole('list', { name: 'Verification failures' }).getByRole('listitem');
  await expect(failure).toHaveCount(1);
  await expect(failure).toContainText(
    `Redacted text (${CONTACT}) in the message sent Thu 28 May 2020 13:21 BST, in “Covid Core Group” (INQ000000001)`,
  );
  await expect(failure).toContainText(
    'Found inPage 1 of INQ000000001 (bundle page 3); row 3 of the schedule CSV (INQ000000001); the schedule XLSX',
  );
  await expect(failure).toContainText(
    'WhyThis text is also printed as a sender’s name (the sender of the message sent Thu 28 May 2020 13:25 BST',
  );
  await expect(failure).toContainText('FixRedact the name too: “Redact this sender’s name…” beside the message in Review.');
  await expect(failure).not.toContainText('7700');
  await expect(failure).not.toContainText('#');
  await refused.scrollIntoViewIfNeeded();
  await saveScreen(page, 'export-refused');
  expect(await blockingViolations(page, '.export-refused'), 'the refused export').toEqual([]);
  await page.setViewportSize({ width: 1024, height: 640 });
  await refused.scrollIntoViewIfNeeded();
  await saveScreen(page, 'export-refused-narrow');
  await page.setViewportSize({ width: 1280, height: 800 });

  // The button opens the sender's message in Review, beside "Redact this sender's name…".
  await failure.getByRole('button', { name: 'Open the sender’s message in Review' }).click();
  await expect(caseFrame.screenTitle).toHaveText('Review');
  await reviewPage.expectTimelineOf('Covid Core Group');
  const current = reviewPage.feed.locator('.timeline__row--active');
  await expect(current).toContainText('Hi all');
  await expect(current).toBeInViewport();
  // Where the fix is: the sender's name, with the button that redacts it.
  await expect(reviewPage.side).toContainText(/Sender in the bundle: \p{Cf}?\+44 7700 900555/u);
  await expect(reviewPage.side.getByRole('button', { name: "Redact this sender's name…" })).toBeVisible();
});
