/**
 * A Signal export (signal-export's folder of chats) imported through the Sources screen: recognised by
 * its content, its source saying it is lossy and how its times were read, its chats readable in Review.
 */
import { join, resolve } from 'node:path';
import { blockingViolations } from './axe';
import { expect, test } from './fixtures';
import { saveScreen } from './screens';

const SIGNAL_EXPORT = join(resolve(__dirname, '..', 'fixtures'), 'signal', 'export');

test('imports a signal-export folder, says what the source lost, and reads its chats', async ({
  startPage,
  caseFrame,
  sourcesPage,
  reviewPage,
  shell,
}) => {
  await startPage.createCase({ name: 'Signal import' });
  await caseFrame.goTo('Sources');
  await sourcesPage.fillImport({ custodian: 'Euan Baird', device: 'Work laptop (Signal Desktop)' });
  await sourcesPage.addPath(SIGNAL_EXPORT);
  await expect(sourcesPage.queued('export')).toContainText('Signal (signal-export)');
  await sourcesPage.startImport();
  await expect(sourcesPage.job('export')).toContainText('Imported. 19 messages in 2 conversations');

  await expect(await sourcesPage.cell('export', 'Format')).toHaveText('Signal (signal-export)');
  await expect(await sourcesPage.cell('export', 'Conversations')).toHaveText('2');
  await sourcesPage.openSource('export');
  await expect(sourcesPage.detail('Producer')).toHaveText('signal-export');
  await expect(sourcesPage.notesGroup('Warnings')).toContainText('signal-export is a lossy source');
  await expect(sourcesPage.notesGroup('Assumptions')).toContainText('read as wall-clock time in Europe/London');
  await saveScreen(shell.page, 'signal-source-details');
  expect(await blockingViolations(shell.page), 'Sources').toEqual([]);

  await sourcesPage.details.getByRole('button', { name: /^View conversations/ }).click();
  await expect(caseFrame.screenTitle).toHaveText('Review');
  await reviewPage.conversation('Priya Nair').click();
  await reviewPage.expectTimelineOf('Priya Nair');
  await expect(reviewPage.messageAt(0)).toContainText("Morning. R number paper is with the FM's office");
  await expect(reviewPage.messageAt(2).getByRole('list', { name: 'Attachments' })).toContainText('IMG_0412.jpg');
  await expect(reviewPage.messageAt(3)).toContainText('Deleted — placeholder');
  await saveScreen(shell.page, 'signal-timeline');
  await shell.page.setViewportSize({ width: 1024, height: 640 });
  await expect(reviewPage.messageAt(0)).toBeVisible();
  await saveScreen(shell.page, 'signal-timeline-1024');
});
