/**
 * The Review screen with real handlers: coding from the keyboard alone, persisted across a reload;
 * bulk decisions on a selection; the Article 8 form's validation; undo and redo.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { EXPORTS } from './pages/caseWithMessages';
import { openSeededCase } from './pages/seedCase';
import { saveScreen } from './screens';

/** Tabs from the screen title to the timeline's current message: keyboard only, as a reviewer would. */
async function tabIntoTimeline(page: Page): Promise<void> {
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.hasAttribute('data-position'))) return;
  }
  throw new Error('Tab never reached the timeline');
}

test('codes messages with the keyboard alone, and the decisions survive a reload', async ({
  caseFrame,
  reviewPage,
  shortcuts,
  shell,
  desk,
  workspace,
}) => {
  const { keyboard } = shell.page;
  await openSeededCase({ desk, workspace, caseFrame }, 'Keyboard review', [EXPORTS.fionaIos]);
  await keyboard.press('Alt+3');
  await expect(caseFrame.screenTitle).toHaveText('Review');
  await reviewPage.expectTimelineOf('Euan Baird');
  await expect(reviewPage.progressOf('Euan Baird')).toContainText('0 of 57 reviewed');

  // The overlay lists the keys the screen handles, from the same map.
  await keyboard.press('?');
  await expect(shortcuts.keysFor('Business')).toHaveText('B');
  await expect(shortcuts.keysFor('Withhold')).toHaveText('X');
  await expect(shortcuts.keysFor('Undo')).toHaveText('ZorCtrl+Z');
  await keyboard.press('Escape');

  await tabIntoTimeline(shell.page);
  await expect(reviewPage.messageAt(0)).toBeFocused();
  await keyboard.press('j');
  await expect(reviewPage.messageAt(1)).toBeFocused();
  await expect(reviewPage.coding).toContainText('Message 2 of 57');

  // Each key codes the current message and moves on to the next.
  await keyboard.press('b');
  await expect(reviewPage.messageAt(2)).toBeFocused();
  await expect(reviewPage.codes(1)).toHaveText('Business');
  await expect(reviewPage.announcer).toHaveText('Message 2 of 57: business: 1 message changed.');
  await keyboard.press('p');
  await keyboard.press('m');
  await keyboard.press('x');
  await expect(reviewPage.messageAt(5)).toBeFocused();
  await expect(reviewPage.codes(2)).toHaveText('Personal');
  await expect(reviewPage.codes(3)).toHaveText('Mixed');
  await expect(reviewPage.codes(4)).toHaveText('Withhold');

  // Back up one and add relevance and an outcome to the same message.
  await keyboard.press('k');
  await expect(reviewPage.messageAt(4)).toBeFocused();
  await keyboard.press('r');
  await keyboard.press('k');
  await keyboard.press('k');
  await expect(reviewPage.messageAt(3)).toBeFocused();
  await keyboard.press('d');
  await expect(reviewPage.codes(3)).toHaveText('MixedDisclose');
  await expect(reviewPage.codes(4)).toHaveText('RelevantWithhold');

  // Undo takes back the last decision only; redo puts it back.
  await expect(reviewPage.undoBar.getByRole('button', { name: /^Undo/ })).toContainText('outcome: Disclose on message #');
  await keyboard.press('z');
  await expect(reviewPage.codes(3)).toHaveText('Mixed');
  await expect(reviewPage.undoBar.getByRole('button', { name: /^Redo/ })).toContainText('outcome: Disclose');
  await keyboard.press('Shift+Z');
  await expect(reviewPage.codes(3)).toHaveText('MixedDisclose');
  await keyboard.press('Control+z');
  await expect(reviewPage.codes(3)).toHaveText('Mixed');
  await expect(reviewPage.progressOf('Euan Baird')).toContainText('4 of 57 reviewed');
  await saveScreen(shell.page, 'review-keyboard');

  await shell.page.reload();
  await caseFrame.expectCase('Keyboard review');
  await keyboard.press('Alt+3');
  await reviewPage.expectTimelineOf('Euan Baird');
  await expect(reviewPage.codes(1)).toHaveText('Business');
  await expect(reviewPage.codes(2)).toHaveText('Personal');
  await expect(reviewPage.codes(3)).toHaveText('Mixed');
  await expect(reviewPage.codes(4)).toHaveText('RelevantWithhold');
  await expect(reviewPage.codes(5)).toHaveText('');
  await expect(reviewPage.progressOf('Euan Baird')).toContainText('4 of 57 reviewed');
});

test('applies one decision to a selection, and checks the Article 8 assessment before recording it', async ({
  caseFrame,
  reviewPage,
  shell,
  desk,
  workspace,
}) => {
  await openSeededCase({ desk, workspace, caseFrame }, 'Bulk review', [EXPORTS.fionaIos]);
  await caseFrame.goTo('Review');

  // Click, Shift+click: three messages selected; Ctrl+click takes one out again.
  await reviewPage.messageAt(6).click();
  await reviewPage.messageAt(9).click({ modifiers: ['Shift'] });
  await reviewPage.messageAt(8).click({ modifiers: ['Control'] });
  await expect(reviewPage.feed.locator('[aria-selected="true"]')).toHaveCount(3);
  await expect(reviewPage.coding).toContainText('3 selected messages');
  // A selection's form starts with nothing chosen, not the last message's decision.
  await expect(reviewPage.coding.getByRole('radio', { checked: true })).toHaveCount(0);
  await reviewPage.choice('Classification', 'Personal').click();
  await reviewPage.choice('Outcome', 'Withhold').click();
  await reviewPage.coding.getByRole('button', { name: 'Apply to 3 selected' }).click();
  // A bulk decision previews what it changes first.
  const preview = shell.page.getByRole('alertdialog');
  await expect(preview).toContainText('3 messages will change.');
  await preview.getByRole('button', { name: 'Apply to 3 messages' }).click();
  for (const position of [6, 7, 9]) await expect(reviewPage.codes(position)).toHaveText('PersonalWithhold');
  await expect(reviewPage.codes(8)).toHaveText('');

  // Shift+↓ extends from the keyboard too.
  await reviewPage.messageAt(12).click();
  await shell.page.keyboard.press('Shift+ArrowDown');
  await shell.page.keyboard.press('Shift+ArrowDown');
  await expect(reviewPage.coding).toContainText('3 selected messages');
  await shell.page.keyboard.press('n');
  await expect(preview).toContainText('3 messages will change.');
  await shell.page.keyboard.press('Enter');
  for (const position of [12, 13, 14]) await expect(reviewPage.codes(position)).toHaveText('Not relevant');

  // An engaged assessment must answer each question: main's messages appear beside the fields.
  await reviewPage.messageAt(8).click();
  await shell.page.keyboard.press('a');
  await expect(reviewPage.article8.getByRole('radio', { name: 'Yes' })).toBeFocused();
  await reviewPage.article8.getByRole('radio', { name: 'Yes' }).click();
  await expect(reviewPage.article8.getByLabel('1. Is the objective important enough?')).toHaveValue(
    'To meet the terms of reference of UK Covid-19 Inquiry and request M2/R9/044.',
  );
  await reviewPage.article8
    .getByLabel('4. Does the benefit outweigh the intrusion?')
    .fill('The public interest in the decision outweighs it.');
  await reviewPage.coding.getByRole('button', { name: 'Apply to this message' }).click();
  await expect(reviewPage.article8).toContainText('Say whose private life is engaged (custodian, third party or both)');
  await expect(reviewPage.article8.getByLabel('2. How is disclosing it connected to the objective?')).toHaveAccessibleDescription(
    /Say how disclosing the item is connected to the objective/,
  );
  await saveScreen(shell.page, 'review-article8-errors');

  await reviewPage.article8.getByRole('radio', { name: 'A third party' }).click();
  await reviewPage.article8.getByLabel('2. How is disclosing it connected to the objective?').fill('It records who briefed the press.');
  await reviewPage.article8.getByLabel('Why that step would or would not serve').fill('Redacting the name keeps the point.');
  await reviewPage.coding.getByRole('button', { name: 'Apply to this message' }).click();
  await expect(reviewPage.side.getByRole('region', { name: /^History/ })).toContainText('Article 8 assessed');
  await expect(reviewPage.article8).not.toContainText('Say whose');
  await saveScreen(shell.page, 'review-article8-saved');
});
