/**
 * Attachments seen in Review (issue 16, item 3): a WhatsApp chat with photos, one carrying a GPS
 * position. The rows show thumbnails; Enter opens the viewer on the message's photo, which flags the
 * position; → walks to the next photo, across messages; Esc closes, back on the message of the photo
 * the viewer ended on.
 */
import { PHOTO_DASHBOARD, PHOTO_GPS, PHOTO_LATER } from '../support/photo-chat';
import { blockingViolations } from './axe';
import { expect, test } from './fixtures';
import { photoCase } from './photo-case';
import { saveScreen } from './screens';

test.use({ dialogAnswers: { native: true, open: 'photos.ddcase' } });

test('shows photos as thumbnails and in the viewer: Enter opens, GPS flagged, → next, Esc back to the row', async ({
  startPage,
  caseFrame,
  reviewPage,
  shell,
  workspace,
}) => {
  // Makes its photos with sharp and imports them, then runs axe with the viewer open. Measured 20–37 s with the
  // shared 2-core machine's load at 20–28, when the shell alone takes 10–14 s to start; the limit is twice that.
  test.setTimeout(80_000);
  const page = shell.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  const positions = await photoCase(workspace.caseFolder, 'photos.ddcase', 'Photos');
  await startPage.openCaseTab.click();
  await startPage.openCaseForm.getByRole('button', { name: 'Choose a case file to open' }).click();
  await caseFrame.expectCase('Photos');
  await caseFrame.goTo('Review');
  await reviewPage.expectTimelineOf('Euan Baird');

  const row = reviewPage.messageAt(positions[PHOTO_GPS]!);
  const thumb = row.locator('.attachment-thumb');
  // The first thumbnails wait for the thumbnail worker threads to start, which takes seconds on a loaded machine.
  await expect(thumb).toHaveAttribute('data-thumbnail-state', 'ready', { timeout: 15_000 });
  await expect(thumb.locator('img')).toHaveJSProperty('complete', true);
  await saveScreen(page, 'attachment-thumbnails');
  // Rows scrolled to get theirs once they are on screen.
  const laterThumb = reviewPage.messageAt(positions[PHOTO_LATER]!).locator('.attachment-thumb');
  await reviewPage.feed.evaluate((feed) => feed.scrollTo(0, feed.scrollHeight));
  await expect(laterThumb).toHaveAttribute('data-thumbnail-state', 'ready', { timeout: 15_000 });

  await row.locator('.message__head').click();
  await page.keyboard.press('Enter');
  const viewer = page.getByRole('dialog', { name: PHOTO_GPS });
  await expect(viewer).toBeVisible();
  const image = viewer.getByRole('img', { name: PHOTO_GPS });
  await expect(image).toHaveJSProperty('naturalWidth', 400);
  await expect(viewer.locator('.viewer__privacy')).toContainText('GPS position recorded');
  await expect(viewer.locator('.viewer__privacy')).toContainText('55.953428° N, 3.195000° W');
  await expect(viewer).toContainText('2021:03:04 12:34:56 (UTC+01:00)');
  await expect(viewer).toContainText('400 × 300 px');
  await expect(viewer).toContainText('JPEG (image/jpeg), recognised by its content');
  await expect(viewer.locator('.viewer__decision')).toContainText('Pending (from its message)');

  await page.keyboard.press('+');
  await expect(viewer.locator('.viewer__zoom-level')).toHaveText('150%');
  await expect(viewer.locator('.viewer__frame')).toHaveAttribute('data-displayed-width', '600');
  await page.keyboard.press('0');
  await expect(viewer.locator('.viewer__zoom-level')).toHaveText(/^Fit/);

  expect(await blockingViolations(page, '[role="dialog"]')).toEqual([]);
  await saveScreen(page, 'attachment-viewer');
  await page.setViewportSize({ width: 1024, height: 640 });
  await saveScreen(page, 'attachment-viewer-narrow');

  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('dialog', { name: PHOTO_DASHBOARD })).toBeVisible();
  await expect(viewer.locator('.viewer__privacy')).toHaveCount(0);
  await expect(page.getByRole('dialog')).toContainText('640 × 480 px');
  await page.keyboard.press('ArrowRight');
  const later = page.getByRole('dialog', { name: PHOTO_LATER });
  await expect(later).toBeVisible();
  await expect(later.getByRole('img', { name: PHOTO_LATER })).toHaveJSProperty('naturalWidth', 300);

  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(reviewPage.messageAt(positions[PHOTO_LATER]!)).toBeFocused();
  await expect(reviewPage.messageAt(positions[PHOTO_LATER]!)).toHaveAttribute('aria-selected', 'true');
});
