/**
 * Issue 18's details on the Review screen: day dividers that follow the timeline's times, paging keys
 * anywhere on the screen, Enter choosing a coding option, bodies shown without WhatsApp's edit marker
 * (the case keeping it) and undo labels in words.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { blockingViolations } from './axe';
import { expect, test } from './fixtures';
import { EXPORTS, seedCase } from './pages/seedCase';
import { saveScreen } from './screens';

const FIXTURES = resolve(__dirname, '..', 'fixtures');

/** A chat whose file order is not time order: the second line was written a day before the first. */
const OUT_OF_ORDER = [
  '20/03/2021, 08:00 - Aileen Grant: Saturday morning',
  '19/03/2021, 09:00 - Morag Sinclair: Written on Friday, filed after',
  '20/03/2021, 10:00 - Aileen Grant: Back to Saturday',
  '21/03/2021, 11:00 - Morag Sinclair: Sunday note <This message was edited>',
  '',
].join('\n');

const OTHER_CHAT = ['22/03/2021, 09:00 - Aileen Grant: Monday', '22/03/2021, 09:05 - Niamh Kelly: Noted', ''].join('\n');

test('day dividers follow time, paging keys move the selection, Enter chooses, edit markers and raw values stay out of sight', async ({
  caseFrame,
  reviewPage,
  shell,
  desk,
  workspace,
}) => {
  const { page } = shell;
  const { keyboard } = page;
  const first = join(workspace.caseFolder, 'WhatsApp Chat with Morag Sinclair.txt');
  const second = join(workspace.caseFolder, 'WhatsApp Chat with Niamh Kelly.txt');
  writeFileSync(first, OUT_OF_ORDER);
  writeFileSync(second, OTHER_CHAT);
  await seedCase(desk, workspace, {
    name: 'Details',
    exports: [
      { path: first, custodian: 'Aileen Grant' },
      { path: second, custodian: 'Aileen Grant' },
    ],
  });
  await page.reload();
  await caseFrame.expectCase('Details');
  await keyboard.press('Alt+3');
  await reviewPage.conversation('Morag Sinclair').click();
  await reviewPage.expectTimelineOf('Morag Sinclair');

  // The export's order is kept; a day's divider never names an earlier day than the one above it.
  await expect(reviewPage.messageAt(3)).toBeVisible();
  await expect(reviewPage.feed.locator('.message__day')).toHaveText([
    'Saturday, 20 March 2021',
    'Saturday, 20 March 2021',
    'Sunday, 21 March 2021',
  ]);
  await expect(reviewPage.messageAt(1).locator('.message__earlier')).toContainText('Friday, 19 March 2021');

  // The edit marker is the platform's, not the sender's words: shown as the badge, kept in the case.
  await expect(reviewPage.messageAt(3).locator('.message__body')).toHaveText('Sunday note');
  await expect(reviewPage.messageAt(3)).toContainText('Edited');
  const conversationId = (await desk.call('conversations.list', {})).find((c) => c.title === 'Morag Sinclair')?.id ?? -1;
  const stored = await desk.call('messages.window', { conversationId, from: 3, count: 1 });
  expect(stored.messages[0]?.body).toBe('Sunday note <This message was edited>');

  // Paging keys work wherever focus is on the screen, not only on a message.
  await reviewPage.messageAt(0).click();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await keyboard.press('End');
  await expect(reviewPage.coding).toContainText('Message 4 of 4');
  await expect(reviewPage.messageAt(3)).toHaveAttribute('aria-selected', 'true');
  await keyboard.press('Home');
  await expect(reviewPage.coding).toContainText('Message 1 of 4');
  await keyboard.press('PageDown');
  await expect(reviewPage.messageAt(0)).toHaveAttribute('aria-selected', 'false');
  await keyboard.press('PageUp');
  await expect(reviewPage.coding).toContainText('Message 1 of 4');

  // In the conversation list, they move between conversations.
  const listed = reviewPage.conversations.locator('[data-conversation-open]');
  await listed.first().focus();
  await keyboard.press('End');
  await expect(listed.last()).toBeFocused();
  await keyboard.press('Home');
  await expect(listed.first()).toBeFocused();
  await reviewPage.expectTimelineOf('Morag Sinclair');

  // Enter chooses a coding option, as Space does.
  const notRelevant = reviewPage.choice('Relevance', 'Not relevant');
  await notRelevant.focus();
  await keyboard.press('Enter');
  await expect(notRelevant).toHaveAttribute('aria-checked', 'true');

  // Undo says what it undoes in words.
  await reviewPage.messageAt(0).click();
  await keyboard.press('n');
  const undo = reviewPage.undoBar.getByRole('button', { name: /^Undo/ });
  await expect(undo).toContainText('relevance: Not relevant');
  await expect(undo).not.toContainText('not_relevant');

  await saveScreen(page, 'details-review');
  expect(await blockingViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1024, height: 640 });
  await saveScreen(page, 'details-review-1024');
});

test('an RSMF from Microsoft Teams is named so, and its join events say who joined', async ({
  caseFrame,
  reviewPage,
  shell,
  desk,
  workspace,
}) => {
  const { page } = shell;
  const manifest = JSON.parse(readFileSync(join(FIXTURES, 'rsmf', 'core-group.rsmf_manifest.json'), 'utf8')) as { conversations: object[] };
  const teams = { ...manifest, conversations: manifest.conversations.map((c) => ({ ...c, platform: 'teams' })) };
  const path = join(workspace.caseFolder, 'rsmf_manifest.json');
  writeFileSync(path, JSON.stringify(teams));
  await seedCase(desk, workspace, { name: 'Teams', exports: [{ path, custodian: 'Fiona Laird' }] });
  await page.reload();
  await caseFrame.expectCase('Teams');
  await page.keyboard.press('Alt+3');
  await expect(reviewPage.conversations.locator('[data-conversation-open]').first()).toContainText('Microsoft Teams · Fiona Laird');
  await expect(reviewPage.timeline).toContainText('Microsoft Teams group');
  await expect(reviewPage.feed.getByText('Morag Campbell joined')).toBeVisible();
  await saveScreen(page, 'details-rsmf-teams');
});

test('the Overview counts messages by outcome, classification, custodian and reviewer', async ({ caseFrame, shell, desk, workspace }) => {
  const { page } = shell;
  await seedCase(desk, workspace, { name: 'Counts', exports: [EXPORTS.fionaIos] });
  const [conversation] = await desk.call('conversations.list', {});
  const window = await desk.call('messages.window', { conversationId: conversation?.id ?? -1, from: 0, count: 5 });
  const ids = window.messages.map((m) => m.id);
  await desk.call('review.decide', {
    selector: { kind: 'ids', ids: ids.slice(0, 3) },
    change: { classification: 'business', outcome: 'disclose' },
  });
  await desk.call('review.decide', {
    selector: { kind: 'ids', ids: ids.slice(3, 5) },
    change: { classification: 'personal', outcome: 'withhold' },
  });
  await page.reload();
  await caseFrame.expectCase('Counts');

  const breakdown = page.getByRole('region', { name: 'Review by outcome, classification, custodian and reviewer' });
  const outcome = breakdown.getByRole('table', { name: 'By outcome' });
  await expect(outcome.getByRole('row', { name: /^Disclose 3/ })).toBeVisible();
  await expect(outcome.getByRole('row', { name: /^Withhold 2/ })).toBeVisible();
  await expect(outcome.getByRole('row', { name: /^Pending 52/ })).toBeVisible();
  await expect(breakdown.getByRole('table', { name: 'By classification' }).getByRole('row', { name: /^Personal 2/ })).toBeVisible();
  await expect(
    breakdown.getByRole('table', { name: 'By custodian' }).getByRole('row', { name: /^Fiona Laird 57 5 3 0 2 52/ }),
  ).toBeVisible();
  await expect(breakdown.getByRole('table', { name: 'By reviewer' }).getByRole('row', { name: /^e2e-reviewer 5 3 0 2/ })).toBeVisible();
  await saveScreen(page, 'details-overview');
  expect(await blockingViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1024, height: 640 });
  await saveScreen(page, 'details-overview-1024');
});

test('after importing a month-first, 12-hour export, the Sources screen suggests checking its zone', async ({
  caseFrame,
  shell,
  desk,
  workspace,
}) => {
  const { page } = shell;
  const path = join(FIXTURES, 'whatsapp', 'android-en-US-12h.txt');
  await seedCase(desk, workspace, { name: 'US phone', exports: [{ path, custodian: 'Tom Reid' }] });
  await page.reload();
  await caseFrame.expectCase('US phone');
  await caseFrame.goTo('Sources');
  const banner = page.getByRole('region', { name: 'Check the time zone' });
  await expect(banner).toContainText('android-en-US-12h.txt (Tom Reid)');
  await expect(banner).toContainText('dates are written month first and times on a 12-hour clock');
  await expect(banner).toContainText('read in Europe/London');
  await banner.getByRole('button', { name: 'Show android-en-US-12h.txt' }).click();
  await expect(page.getByRole('region', { name: /^Source details/ })).toContainText('Check the time zone:');
  await saveScreen(page, 'details-zone-check');
  expect(await blockingViolations(page)).toEqual([]);
});
