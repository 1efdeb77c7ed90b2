/**
 * A sender's name redacted from the Review screen's side panel: the timeline shows the reason the
 * bundle will print in its place, the Redaction screen lists it, and removing it there restores the name.
 */
import { expect } from '@playwright/test';
import { test } from './fixtures';
import { blockingViolations } from './axe';
import { EXPORTS } from './pages/caseWithMessages';
import { openSeededCase } from './pages/seedCase';
import { saveScreen } from './screens';

test("redacts a sender's name from the side panel, shows the reason in the timeline, and removes it from the Redaction screen", async ({
  caseFrame,
  reviewPage,
  shell,
  desk,
  workspace,
}) => {
  const page = shell.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  await openSeededCase({ desk, workspace, caseFrame }, 'Label redaction', [EXPORTS.fionaIos]);
  await page.keyboard.press('Alt+3');
  await reviewPage.expectTimelineOf('Euan Baird');

  // The second message is Euan Baird's; clicking it makes it current, and the side panel offers his name.
  const euans = reviewPage.messageAt(2);
  await expect(euans).toContainText('Euan Baird');
  await euans.click();
  await reviewPage.side.getByRole('button', { name: "Redact this sender's name…" }).click();
  const form = page.getByRole('form', { name: 'Redact the name' });
  await expect(form).toContainText('Hide “Euan Baird” wherever the bundle prints it');
  await form.getByRole('radio', { name: /Personal data \(third party\)/ }).click();
  await form.getByRole('button', { name: 'Redact' }).click();
  await expect(form).toBeHidden();

  // Every message of his now shows the reason in place of his name; the reviewer can still read it out.
  await expect(euans.locator('.label-redacted')).toContainText('Personal data (third party)');
  await expect(reviewPage.side).toContainText('Sender in the bundle: Redacted in the bundle: Personal data (third party)');
  await saveScreen(page, 'label-redaction-review');
  expect(await blockingViolations(page), 'Review with a redacted sender').toEqual([]);

  await page.keyboard.press('Alt+5');
  await expect(caseFrame.screenTitle).toHaveText('Redaction');
  await page.getByRole('tab', { name: 'Names and titles' }).click();
  const remove = page.getByRole('button', { name: 'Remove the redaction of Euan Baird' });
  await expect(remove).toBeVisible();
  expect(await blockingViolations(page), 'Names and titles').toEqual([]);
  await remove.click();
  await expect(remove).toBeHidden();

  await page.keyboard.press('Alt+3');
  await expect(reviewPage.messageAt(2).locator('.label-redacted')).toHaveCount(0);
  await expect(reviewPage.messageAt(2)).toContainText('Euan Baird');
});

test('every occurrence of a name finds it as a sender’s name too, redacts it whole, and lists it in Names and titles', async ({
  caseFrame,
  shell,
  desk,
  workspace,
}) => {
  // An import, a whole-case sweep in a worker thread, the apply and the relist: 15-18 s at a load
  // average of ~15 on the two cores (the side-panel test above takes 23 s there), under half of 40 s.
  test.setTimeout(40_000);
  const page = shell.page;
  await page.setViewportSize({ width: 1024, height: 640 });
  await openSeededCase({ desk, workspace, caseFrame }, 'Name sweep', [EXPORTS.fionaIos]);
  await page.keyboard.press('Alt+5');
  await expect(caseFrame.screenTitle).toHaveText('Redaction');
  await caseFrame.main.getByRole('tab', { name: 'Every occurrence' }).click();
  await caseFrame.main.getByLabel('Text to redact').fill('euan baird');
  await caseFrame.main.getByRole('button', { name: 'Preview every occurrence' }).click();
  const list = caseFrame.main.getByRole('region', { name: 'Occurrences' });
  const senderHit = list.locator('.hit').filter({ hasText: 'Sender name' });
  await expect(senderHit).toHaveCount(1);
  await expect(senderHit).toContainText('redacts the whole name · printed with message');
  await saveScreen(page, 'occurrences-sender-name');
  expect(await blockingViolations(page, '.sweep-list'), 'Every occurrence with a sender name hit').toEqual([]);

  await caseFrame.main.getByLabel('Reason', { exact: true }).selectOption({ label: 'Personal data (third party)' });
  await caseFrame.main.getByRole('button', { name: /^Redact .*accepted hit/ }).click();
  // A one-to-one chat is titled with the other person's name: the title is found and redacted too.
  await expect(page.getByRole('status').filter({ hasText: '1 redaction added in 1 message and 2 names redacted whole.' })).toBeVisible();
  await caseFrame.main.getByRole('tab', { name: 'Names and titles' }).click();
  const rows = caseFrame.main.getByRole('row').filter({ hasText: 'Euan Baird' });
  await expect(rows.filter({ hasText: 'Sender name' })).toContainText('Personal data (third party)');
  await expect(rows.filter({ hasText: 'Conversation title' })).toContainText('Personal data (third party)');
});
