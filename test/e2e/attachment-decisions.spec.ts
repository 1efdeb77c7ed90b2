/**
 * An attachment coded on its own from the keyboard (issue 16, item 4): ] moves the coding panel from
 * the message to its attachment, which inherits the message's decision until coded; X withholds it,
 * the row shows the attachment's own outcome; [ goes back to the message; Z undoes it; a click codes it again.
 */
import { join, resolve } from 'node:path';
import { closeCase, createCase } from '../../main/cases/service';
import { importSource } from '../../main/import/run';
import { blockingViolations } from './axe';
import { expect, REVIEWER, test } from './fixtures';
import { saveScreen } from './screens';

const FIXTURE = resolve(__dirname, '..', 'fixtures', 'whatsapp', 'ios-en-GB.zip');
const PHOTO = '00000012-PHOTO-2021-03-28-09-14-03.jpg';

test.use({ dialogAnswers: { native: true, open: 'attachments.ddcase' } });

/** The case, made through the services; returns the photo's message's position in its conversation. */
async function preparedCase(path: string): Promise<number> {
  const session = createCase(
    path,
    {
      name: 'Attachments',
      inquiry: 'UK Covid-19 Inquiry',
      requestReference: 'M2/R9/044',
      referencePrefix: 'INQ',
      protectiveMarking: 'OFFICIAL-SENSITIVE',
      defaultTimeZone: 'Europe/London',
    },
    { actor: REVIEWER, appVersion: 'test' },
  );
  await importSource(
    session.writable!,
    { path: FIXTURE, custodian: 'Fiona Laird', timeZone: 'Europe/London' },
    { actor: REVIEWER, parseThread: false },
  );
  const position = session.db
    .prepare('SELECT m.position FROM attachments a JOIN messages m ON m.id = a.message_id WHERE a.file_name = ?')
    .pluck()
    .get(PHOTO) as number;
  closeCase(session);
  return position;
}

test('codes an attachment on its own from the keyboard: ] in, X withhold, [ out, Z undo', async ({
  startPage,
  caseFrame,
  reviewPage,
  shell,
  workspace,
}) => {
  const page = shell.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  const position = await preparedCase(join(workspace.caseFolder, 'attachments.ddcase'));
  await startPage.openCaseTab.click();
  await startPage.openCaseForm.getByRole('button', { name: 'Choose a case file to open' }).click();
  await caseFrame.expectCase('Attachments');
  await caseFrame.goTo('Review');
  await reviewPage.expectTimelineOf('Euan Baird');
  // Scrolled to as a reader would, until the virtualised list renders the row, then clicked.
  const row = reviewPage.messageAt(position);
  await expect(async () => {
    await reviewPage.feed.evaluate((feed) => feed.scrollBy(0, 300));
    await expect(row).toBeAttached({ timeout: 200 });
  }).toPass();
  await row.locator('.message__head').click();
  await expect(row).toContainText(PHOTO);
  await expect(reviewPage.coding.locator('.coding__target')).toHaveText(new RegExp(`^Message ${position + 1} of`));

  await page.keyboard.press(']');
  await expect(reviewPage.coding.locator('.coding__target')).toHaveText(`Attachment ${PHOTO}`);
  await expect(reviewPage.coding).toContainText('— inherits the message’s decision');
  await expect(reviewPage.coding.getByRole('button', { name: 'Apply to this attachment' })).toBeVisible();
  await expect(reviewPage.coding.getByRole('button', { name: /^Apply to conversation/ })).toHaveCount(0);

  await page.keyboard.press('x');
  await expect(reviewPage.announcer).toContainText(`Attachment ${PHOTO}: withhold: 1 attachment changed.`);
  const attachment = row.locator('.attachment').filter({ hasText: PHOTO });
  await expect(attachment.locator('.badge', { hasText: 'Withhold' })).toBeVisible();
  await expect(reviewPage.codes(position)).toHaveText('');
  await expect(reviewPage.coding).toContainText('— its own outcome; the rest is the message’s');
  await expect(reviewPage.choice('Outcome', 'Withhold')).toBeChecked();
  expect(await blockingViolations(page, 'main')).toEqual([]);
  await saveScreen(page, 'attachment-coding');
  await page.setViewportSize({ width: 1024, height: 640 });
  await saveScreen(page, 'attachment-coding-narrow');

  await page.keyboard.press('[');
  await expect(reviewPage.coding.locator('.coding__target')).toHaveText(new RegExp(`^Message ${position + 1} of`));
  await page.keyboard.press('z');
  await expect(attachment.locator('.badge', { hasText: 'Withhold' })).toHaveCount(0);

  // The mouse reaches it too: a click on the attachment codes it.
  await attachment.click();
  await expect(reviewPage.coding.locator('.coding__target')).toHaveText(`Attachment ${PHOTO}`);
  await expect(reviewPage.coding).toContainText('— inherits the message’s decision');
});
