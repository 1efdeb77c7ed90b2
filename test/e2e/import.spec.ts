/**
 * Importing through the Sources screen, in the Chromium shell: a WhatsApp export by path and through
 * the (stubbed) native dialog, a broken file, a cancelled import; then the conversation it holds, read
 * in the Review screen's timeline.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { blockingViolations } from './axe';
import { expect, test } from './fixtures';
import { EXPORTS } from './pages/caseWithMessages';
import { saveScreen } from './screens';

const FIXTURES = resolve(__dirname, '..', 'fixtures');
const WHATSAPP_ZIP = join(FIXTURES, 'whatsapp', 'ios-en-GB.zip');
const TRUNCATED_XML = join(FIXTURES, 'bad', 'truncated.xml');
const WHATSAPP_SHA256 = '5519ca382325fa2586bbc8f48a651e1b41e82a9030471012fc180f7ce7306f88';

test('imports a WhatsApp export by its path, then shows its source, notes and timeline', async ({
  startPage,
  caseFrame,
  sourcesPage,
  reviewPage,
  shell,
}) => {
  await startPage.createCase({ name: 'Import by path' });
  await caseFrame.expectCase('Import by path');
  await caseFrame.goTo('Sources');
  await expect(sourcesPage.sources).toContainText('No sources yet');

  await sourcesPage.fillImport({ custodian: 'Fiona Laird', device: 'iPhone 12 (work)' });
  await sourcesPage.addPath(WHATSAPP_ZIP);
  await expect(sourcesPage.queued('ios-en-GB.zip')).toContainText('WhatsApp export');
  await expect(sourcesPage.field('Path of a file or folder')).toHaveValue('');
  await saveScreen(shell.page, 'sources-queued');

  await sourcesPage.startImport();
  const job = sourcesPage.job('ios-en-GB.zip');
  await expect(job).toContainText('Imported. 57 messages in 1 conversation');
  await expect(shell.page.getByRole('contentinfo').getByRole('status')).toHaveText('Last import: ios-en-GB.zip, 57 messages');
  await saveScreen(shell.page, 'sources-done');

  const row = sourcesPage.sourceRow('ios-en-GB.zip');
  await expect(row).toBeVisible();
  await expect(await sourcesPage.cell('ios-en-GB.zip', 'Messages')).toHaveText('57');
  await expect(await sourcesPage.cell('ios-en-GB.zip', 'Conversations')).toHaveText('1');
  await expect(await sourcesPage.cell('ios-en-GB.zip', 'Custodian')).toHaveText('Fiona Laird');
  await expect(await sourcesPage.cell('ios-en-GB.zip', 'Device')).toHaveText('iPhone 12 (work)');
  await expect(await sourcesPage.cell('ios-en-GB.zip', 'Format')).toHaveText('WhatsApp export');
  await expect(await sourcesPage.cell('ios-en-GB.zip', 'Warnings')).toHaveText('2');
  await expect(await sourcesPage.cell('ios-en-GB.zip', 'Assumptions')).toHaveText('2');
  await expect(sourcesPage.custodians).toContainText('Fiona Laird');

  await sourcesPage.openSource('ios-en-GB.zip');
  await expect(sourcesPage.detail('SHA-256')).toContainText(WHATSAPP_SHA256);
  await sourcesPage.details.getByRole('button', { name: 'Copy SHA-256' }).click();
  // A window may refuse the clipboard; then the button says to copy by hand, and the hash stays selectable.
  await expect(sourcesPage.details.getByRole('button', { name: 'Copy SHA-256' })).toHaveText(/^(Copied|Select and copy by hand)$/);
  await expect(sourcesPage.detail('Full path')).toHaveText(WHATSAPP_ZIP);
  await expect(sourcesPage.detail('Producer')).toHaveText('WhatsApp iOS');
  await expect(sourcesPage.detail('Date order')).toHaveText('Day/month/year, worked out from the dates');
  await expect(sourcesPage.detail('Time zone')).toContainText('Europe/London');
  await expect(sourcesPage.notesGroup('Warnings')).toContainText('occurred twice in Europe/London');
  await expect(sourcesPage.notesGroup('Warnings')).toContainText('_chat.txt, line 54');
  await expect(sourcesPage.notesGroup('Assumptions')).toContainText('read as wall-clock time in Europe/London');
  await saveScreen(shell.page, 'source-details');
  await sourcesPage.details
    .getByRole('region', { name: 'Notes from the import' })
    .evaluate((notes) => notes.scrollIntoView({ block: 'start' }));
  await saveScreen(shell.page, 'source-notes');
  expect(await blockingViolations(shell.page), 'Sources').toEqual([]);

  await caseFrame.goTo('Overview');
  await expect(caseFrame.count('Messages')).toHaveText('57');
  await expect(caseFrame.count('Sources')).toHaveText('1');
  await caseFrame.goTo('Sources');

  await sourcesPage.openSource('ios-en-GB.zip');
  await sourcesPage.details.getByRole('button', { name: /^View conversations/ }).click();
  await expect(caseFrame.screenTitle).toHaveText('Review');
  await expect(reviewPage.sourceFilter).toHaveValue(/\d+/);
  await expect(reviewPage.conversation('Euan Baird')).toHaveAttribute('aria-current', 'true');
  await reviewPage.expectTimelineOf('Euan Baird');
});

// The same export read in the timeline; seeded through the handlers, as the test above imports it through the UI.
test.describe(() => {
  test.use({ caseSeed: { name: 'Import by path', exports: [EXPORTS.fionaIos] } });

  test('the imported conversation reads in the timeline: scrolling, times, keyboard, marks', async ({ caseFrame, reviewPage, shell }) => {
    await caseFrame.goTo('Review');
    await reviewPage.conversation('Euan Baird').click();
    await reviewPage.expectTimelineOf('Euan Baird');

    const first = reviewPage.messageAt(0);
    await expect(first).toContainText('Saturday');
    await expect(first).toContainText('08:01:12 GMT');
    await expect(first).toContainText('Messages and calls are end-to-end encrypted');
    const multiLine = reviewPage.messageAt(5);
    await expect(multiLine.locator('.message__body')).toHaveText(
      "Summary of what we agreed:\n- hospitality Q&A goes to the FM's office by 11\n- no new dates for Level 3 until the data review\n- Priya to do the technical briefing",
    );
    await expect(multiLine).toContainText('lines 6–9');
    await expect(reviewPage.messageAt(1)).toContainText('Custodian');
    await saveScreen(shell.page, 'conversations-timeline');
    expect(await blockingViolations(shell.page), 'Review').toEqual([]);

    // Scrolling the timeline to its end brings the last message into view.
    const feed = reviewPage.feed;
    for (let i = 0; i < 20 && !(await reviewPage.messageAt(56).isVisible()); i++) {
      await feed.hover();
      await shell.page.mouse.wheel(0, 1500);
    }
    await expect(reviewPage.messageAt(56)).toBeInViewport();
    await expect(reviewPage.messageAt(56)).toContainText('👍');
    await saveScreen(shell.page, 'conversations-timeline-end');

    // Hovering a time shows what the export wrote and what the time rests on.
    await reviewPage.messageAt(56).locator('time').hover();
    await expect(shell.page.getByRole('tooltip')).toContainText('As written in the export: [05/11/2021, 18:46:02]');
    await expect(shell.page.getByRole('tooltip')).toContainText('Assumed Europe/London');

    // From the keyboard: one tab stop for the timeline, then arrows, j/k, Home and End.
    await reviewPage.messageAt(56).click();
    await shell.page.keyboard.press('Home');
    await expect(reviewPage.messageAt(0)).toBeFocused();
    await expect(reviewPage.messageAt(0)).toBeInViewport();
    await shell.page.keyboard.press('j');
    await shell.page.keyboard.press('ArrowDown');
    await shell.page.keyboard.press('j');
    await expect(reviewPage.messageAt(3)).toBeFocused();
    await expect(reviewPage.messageAt(3)).toHaveCSS('outline-style', 'solid');
    await shell.page.keyboard.press('k');
    await expect(reviewPage.messageAt(2)).toBeFocused();
    await expect(reviewPage.selectedDetails).toContainText(/Message\s*3 of 57/);
    await expect(reviewPage.selectedDetails).toContainText('[20/03/2021, 08:03:05]');
    await expect(reviewPage.selectedDetails).toContainText('Assumed Europe/London');
    await expect(reviewPage.selectedDetails).toContainText('_chat.txt, line 3');
    await shell.page.keyboard.press('End');
    await expect(reviewPage.messageAt(56)).toBeFocused();
    await expect(reviewPage.messageAt(56)).toBeInViewport();
    // The clocks went back in the night of 30–31 October 2021: the zone's abbreviation shows which 01:xx is which.
    await shell.page.keyboard.press('ArrowUp');
    await shell.page.keyboard.press('ArrowUp');
    await shell.page.keyboard.press('ArrowUp');
    await shell.page.keyboard.press('ArrowUp');
    await shell.page.keyboard.press('ArrowUp');
    await expect(reviewPage.messageAt(51)).toBeFocused();
    await expect(reviewPage.messageAt(50).locator('time')).toHaveText('01:40:10 BST');
    await expect(reviewPage.messageAt(51).locator('time')).toHaveText('01:05:22 GMT');
    await saveScreen(shell.page, 'conversations-timeline-keyboard');

    // What the export says about messages is marked on them: deleted, attached (or not), edited.
    await shell.page.keyboard.press('Home');
    for (let i = 0; i < 11; i++) await shell.page.keyboard.press('j');
    await expect(reviewPage.messageAt(11)).toBeFocused();
    await expect(reviewPage.messageAt(11)).toContainText('Deleted — placeholder');
    for (let i = 0; i < 7; i++) await shell.page.keyboard.press('j');
    await expect(reviewPage.messageAt(18).getByRole('list', { name: 'Attachments' })).toContainText(
      '00000012-PHOTO-2021-03-28-09-14-03.jpg',
    );
    await expect(reviewPage.messageAt(18)).toContainText('In the export');
    await expect(reviewPage.messageAt(23)).toContainText('Not in the export file not in the imported export');
    for (let i = 0; i < 5; i++) await shell.page.keyboard.press('j');
    await saveScreen(shell.page, 'conversations-timeline-marks');
    for (let i = 0; i < 15; i++) await shell.page.keyboard.press('j');
    await expect(reviewPage.messageAt(38)).toBeFocused();
    await expect(reviewPage.messageAt(38)).toContainText('Edited');

    // The smallest window keeps both panes and never scrolls sideways.
    await shell.page.setViewportSize({ width: 960, height: 600 });
    await expect(reviewPage.messageAt(38)).toBeVisible();
    await saveScreen(shell.page, 'narrow-review');
    expect(await shell.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  });
});

test('the advanced options are used and recorded on the source', async ({ startPage, caseFrame, sourcesPage, reviewPage, shell }) => {
  await startPage.createCase({ name: 'Advanced options' });
  await caseFrame.goTo('Sources');
  await sourcesPage.fillImport({ custodian: 'Tom Reid', device: 'Pixel 6' });
  await sourcesPage.addPath(join(FIXTURES, 'whatsapp', 'android-en-US-12h.txt'));
  await expect(sourcesPage.queued('android-en-US-12h.txt')).toContainText('WhatsApp export');

  await sourcesPage.importForm.getByText('Advanced options').click();
  await sourcesPage.field('Format').selectOption({ label: 'Telegram Desktop JSON' });
  await expect(sourcesPage.queued('android-en-US-12h.txt')).toContainText('will be read as Telegram Desktop JSON');
  await sourcesPage.field('Format').selectOption({ label: 'WhatsApp export' });
  await sourcesPage.field('Time zone').fill('Mars/Olympus');
  await sourcesPage.importForm.getByRole('radio', { name: /^Month first/ }).check();
  await sourcesPage.startImport();
  await expect(sourcesPage.field('Time zone')).toBeFocused();
  await expect(sourcesPage.importForm.locator('.field__error')).toHaveText('Error: Not a known IANA time zone (e.g. Europe/London)');
  await sourcesPage.field('Time zone').fill('America/New_York');
  await expect(sourcesPage.importForm).toContainText('changed: format, time zone, date order');
  await saveScreen(shell.page, 'sources-advanced-options');
  await sourcesPage.startImport();

  await expect(sourcesPage.job('android-en-US-12h.txt')).toContainText('Imported. 30 messages in 1 conversation');
  await sourcesPage.openSource('android-en-US-12h.txt');
  await expect(sourcesPage.detail('Date order')).toHaveText('Month/day/year, chosen at import');
  await expect(sourcesPage.detail('Time zone')).toContainText('America/New_York');
  await expect(sourcesPage.detail('Device')).toHaveText('Pixel 6');

  // Times read in New York are shown in the case's zone, with what they rest on.
  await sourcesPage.details.getByRole('button', { name: /^View conversations/ }).click();
  await expect(reviewPage.messageAt(1).locator('time')).toHaveText('14:02:00 BST');
  await reviewPage.messageAt(1).click();
  await expect(reviewPage.selectedDetails).toContainText('10/28/21, 9:02 AM');
  await expect(reviewPage.selectedDetails).toContainText('Assumed America/New_York');
});

test('a folder with several conversations: the list, its source filter and reactions', async ({
  startPage,
  caseFrame,
  sourcesPage,
  reviewPage,
  shell,
}) => {
  await startPage.createCase({ name: 'iMessage folder' });
  await caseFrame.goTo('Sources');
  await sourcesPage.fillImport({ custodian: 'Fiona Laird' });
  await sourcesPage.addPath(join(FIXTURES, 'imessage'));
  await expect(sourcesPage.queued('imessage')).toContainText('iMessage database');
  await sourcesPage.startImport();
  await expect(sourcesPage.job('imessage')).toContainText('Imported. 39 messages in 2 conversations');

  await caseFrame.goTo('Review');
  await expect(reviewPage.sourceFilter).toHaveValue('');
  await expect(reviewPage.conversations.getByRole('listitem')).toHaveCount(2);
  await reviewPage.conversation('Core Four').click();
  await reviewPage.expectTimelineOf('Core Four');
  await expect(reviewPage.messageAt(0)).toContainText('Reactions: Loved +447700900102');
  await saveScreen(shell.page, 'conversations-imessage');
  await reviewPage.sourceFilter.selectOption({ label: 'Fiona Laird — imessage' });
  await expect(reviewPage.conversations.getByRole('listitem')).toHaveCount(2);
  expect(await blockingViolations(shell.page)).toEqual([]);
});

test.describe('with native file dialogs', () => {
  test.use({ dialogAnswers: { native: true, imports: [WHATSAPP_ZIP] } });

  test('Choose files… queues what the dialog returns, and imports it', async ({ startPage, caseFrame, sourcesPage, shell }) => {
    await startPage.createCase({ name: 'Import by dialog' });
    await caseFrame.goTo('Sources');
    await sourcesPage.fillImport({ custodian: 'Euan Baird' });
    await sourcesPage.importForm.getByRole('button', { name: 'Choose files…' }).click();
    await expect(sourcesPage.queued('ios-en-GB.zip')).toContainText('WhatsApp export');
    await expect(sourcesPage.importForm.getByRole('button', { name: 'Choose folder…' })).toBeVisible();
    await saveScreen(shell.page, 'sources-native-dialogs');

    await sourcesPage.startImport();
    await expect(sourcesPage.job('ios-en-GB.zip')).toContainText('Imported. 57 messages in 1 conversation');
    await expect(await sourcesPage.cell('ios-en-GB.zip', 'Custodian')).toHaveText('Euan Baird');
    await sourcesPage.job('ios-en-GB.zip').getByRole('button', { name: 'Show source' }).click();
    await expect(sourcesPage.details).toBeInViewport();
    await expect(sourcesPage.detail('Custodian')).toHaveText('Euan Baird');
  });
});

test('custodians can be added before their files arrive, once each', async ({ startPage, caseFrame, sourcesPage }) => {
  await startPage.createCase({ name: 'Custodians' });
  await caseFrame.goTo('Sources');
  const form = sourcesPage.custodians.getByRole('form', { name: 'Add a custodian' });
  await form.getByRole('button', { name: 'Add custodian' }).click();
  await expect(form.locator('.field__error')).toHaveText('Error: Give the custodian a name.');
  await form.getByLabel('Name', { exact: true }).fill('Priya Nair');
  await form.getByLabel('Role (optional)', { exact: true }).fill('Deputy Director');
  await form.getByRole('button', { name: 'Add custodian' }).click();
  await expect(sourcesPage.custodians.getByRole('row', { name: /Priya Nair/ })).toContainText('Deputy Director');
  await expect(form.getByRole('status')).toHaveText('Priya Nair added as a custodian.');

  await form.getByLabel('Name', { exact: true }).fill('priya nair');
  await form.getByRole('button', { name: 'Add custodian' }).click();
  await expect(form.getByRole('alert')).toContainText('priya nair is already a custodian in this case.');
  // The import form offers the custodians already in the case.
  await expect(sourcesPage.importForm.locator('datalist#import-custodian-names option')).toHaveAttribute('value', 'Priya Nair');
});

test('with strict ticked, a file cut off inside a record is refused in plain words and adds no source', async ({
  startPage,
  caseFrame,
  sourcesPage,
  shell,
}) => {
  await startPage.createCase({ name: 'Broken file' });
  await caseFrame.goTo('Sources');
  await sourcesPage.fillImport({ custodian: 'Priya Nair' });
  await sourcesPage.addPath(TRUNCATED_XML);
  // It starts like an SMS backup, so it is recognised; the damage is found while reading.
  await expect(sourcesPage.queued('truncated.xml')).toContainText('SMS Backup & Restore XML');
  await sourcesPage.importForm.getByText('Advanced options').click();
  const strict = sourcesPage.importForm.getByRole('checkbox', { name: 'Refuse a file with any defect (strict)' });
  await expect(strict).toHaveAccessibleDescription(/kept as a note on the source/);
  await strict.focus();
  await shell.page.keyboard.press('Space');
  await expect(strict).toBeChecked();
  await expect(sourcesPage.importForm).toContainText('changed: refuse damaged files');
  await saveScreen(shell.page, 'sources-strict');
  await sourcesPage.startImport();

  const alert = sourcesPage.job('truncated.xml').getByRole('alert');
  await expect(alert).toContainText('truncated.xml was not imported');
  await expect(alert).toContainText('truncated.xml could not be imported: 1 problem found. Nothing was changed.');
  await expect(alert).toContainText('the file ends inside the start tag of <sms>');
  await expect(alert).toContainText('line 6');
  await expect(sourcesPage.sources).toContainText('No sources yet');
  await saveScreen(shell.page, 'sources-error');
  expect(await blockingViolations(shell.page)).toEqual([]);

  await caseFrame.goTo('Overview');
  await expect(caseFrame.count('Sources')).toHaveText('0');
  await expect(caseFrame.count('Messages')).toHaveText('0');
});

test('a file cut off inside a record imports but for that record, and the import says what it kept as a note', async ({
  startPage,
  caseFrame,
  sourcesPage,
  shell,
}) => {
  await startPage.createCase({ name: 'Cut-off file' });
  await caseFrame.goTo('Sources');
  await sourcesPage.fillImport({ custodian: 'Priya Nair' });
  await sourcesPage.addPath(TRUNCATED_XML);
  await sourcesPage.startImport();
  const job = sourcesPage.job('truncated.xml');
  await expect(job).toContainText('Imported. 2 messages in 1 conversation');
  await expect(job).toContainText('1 warning recorded as a note on the source — see the source’s details.');
  const warnings = job.getByRole('list', { name: 'Warnings from the import' });
  await expect(warnings).toContainText(
    'the file ends inside record sms#3, which begins at line 6 (an interrupted copy?): the 2 whole records before it were imported',
  );
  await expect(warnings).toContainText('(truncated.xml, line 6, record sms#3)');
  await saveScreen(shell.page, 'sources-kept-aside');
  expect(await blockingViolations(shell.page)).toEqual([]);
  await shell.page.setViewportSize({ width: 1024, height: 640 });
  await job.scrollIntoViewIfNeeded();
  await saveScreen(shell.page, 'sources-kept-aside-1024');
  expect(await shell.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);

  await sourcesPage.openSource('truncated.xml');
  await expect(sourcesPage.notesGroup('Warnings')).toContainText('the cut record is kept in this note as read');
});

test('files that are not exports are explained before anything is imported', async ({ startPage, caseFrame, sourcesPage, shell }) => {
  await startPage.createCase({ name: 'Not exports' });
  await caseFrame.goTo('Sources');
  await sourcesPage.fillImport({ custodian: 'Tom Reid' });
  await sourcesPage.addPath(join(FIXTURES, 'bad', 'not-a-chat.txt'));
  await sourcesPage.addPath(join(FIXTURES, 'bad', 'no-such-file.zip'));
  // Main's words, the file name as it is, and what happens to the file.
  await expect(sourcesPage.queued('not-a-chat.txt')).toContainText('not-a-chat.txt: a text file with no WhatsApp message header');
  await expect(sourcesPage.queued('not-a-chat.txt')).toContainText('it is not a chat export. Left out of the import.');
  await expect(sourcesPage.importForm).toContainText('If you are sure what one is, choose its format under Advanced options.');
  await expect(sourcesPage.queued('no-such-file.zip')).toContainText('the file or folder does not exist or cannot be read');

  await sourcesPage.addPath(join(FIXTURES, 'bad', 'not-a-chat.txt'));
  await expect(sourcesPage.importForm.locator('.field__error')).toHaveText('Error: That path is already in the list.');

  await sourcesPage.startImport();
  await expect(sourcesPage.importForm.locator('.field__error')).toContainText('None of the files in the list can be imported as they are');
  await expect(sourcesPage.imports).toHaveCount(0);
  await saveScreen(shell.page, 'sources-not-exports');

  // A file dropped on the window: the Chromium shell cannot learn its path, and says what to do instead.
  await sourcesPage.dropZone.evaluate((zone) => {
    const data = new DataTransfer();
    data.items.add(new File(['[20/03/2021, 08:01:12] A: hello'], 'chat.txt', { type: 'text/plain' }));
    for (const type of ['dragenter', 'dragover', 'drop'])
      zone.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await expect(sourcesPage.importForm.getByRole('status').filter({ hasText: 'cannot read where dropped files are' })).toContainText(
    'Paste the full path of each file or folder',
  );
  await saveScreen(shell.page, 'sources-drop-refused');
});

test.describe('a long import', () => {
  let folder = '';
  let big = '';

  test.beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'disclosure-desk-big-'));
    big = join(folder, 'big.txt');
    const generator = resolve(__dirname, '..', 'bench', 'gen-whatsapp.mjs');
    writeFileSync(
      big,
      execFileSync(process.execPath, [generator, '--messages', '200000', '--seed', '3'], { maxBuffer: 256 * 1024 * 1024 }),
    );
  });

  test.afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test('shows its progress and can be cancelled, leaving no source', async ({ startPage, caseFrame, sourcesPage, shell }) => {
    await startPage.createCase({ name: 'Cancelled import' });
    await caseFrame.goTo('Sources');
    await sourcesPage.fillImport({ custodian: 'Morag Campbell' });
    await sourcesPage.addPath(big);
    await expect(sourcesPage.queued('big.txt')).toContainText('WhatsApp export');
    await sourcesPage.startImport();

    const job = sourcesPage.job('big.txt');
    await expect(shell.page.getByRole('contentinfo').getByRole('status')).toHaveText('Importing 1 file…');
    const bar = job.getByRole('progressbar', { name: 'Import of big.txt' });
    await expect(bar).toHaveAttribute('aria-valuetext', /^Reading messages · [\d.]+ MB of 29\.9 MB · [\d,]+ messages$/, {
      timeout: 15_000,
    });
    await saveScreen(shell.page, 'sources-importing');

    await job.getByRole('button', { name: 'Cancel import of big.txt' }).click();
    await expect(job).toContainText('Import of big.txt was cancelled. Nothing was changed.', { timeout: 15_000 });
    await expect(bar).toHaveCount(0);
    await expect(sourcesPage.sources).toContainText('No sources yet');
    await saveScreen(shell.page, 'sources-cancelled');

    await caseFrame.goTo('Overview');
    await expect(caseFrame.count('Sources')).toHaveText('0');
  });
});
