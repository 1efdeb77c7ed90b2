/**
 * Rectangle redactions on a photo (issue 16, item 5), through the viewer: a rectangle drawn with the
 * mouse, nudged and resized with the keyboard, given a reason with the text redactions' picker, shown
 * as the black the bundle fills, then undone and redone from Review's undo bar.
 */
import { PHOTO_DASHBOARD } from '../support/photo-chat';
import { blockingViolations } from './axe';
import { expect, test } from './fixtures';
import { photoCase } from './photo-case';
import { saveScreen } from './screens';

test.use({ dialogAnswers: { native: true, open: 'regions.ddcase' } });

test('draws a rectangle on a photo with the mouse, nudges it, gives a reason, and undoes and redoes it', async ({
  startPage,
  caseFrame,
  reviewPage,
  shell,
  workspace,
}) => {
  const page = shell.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  const position = (await photoCase(workspace.caseFolder, 'regions.ddcase', 'Regions'))[PHOTO_DASHBOARD]!;
  await startPage.openCaseTab.click();
  await startPage.openCaseForm.getByRole('button', { name: 'Choose a case file to open' }).click();
  await caseFrame.expectCase('Regions');
  await caseFrame.goTo('Review');
  await reviewPage.expectTimelineOf('Euan Baird');

  const row = reviewPage.messageAt(position);
  const openViewer = async () => {
    await row.locator('.message__head').click();
    await page.keyboard.press('Enter');
    const viewer = page.getByRole('dialog', { name: PHOTO_DASHBOARD });
    await expect(viewer).toBeVisible();
    await expect(viewer.getByRole('img', { name: PHOTO_DASHBOARD })).toHaveJSProperty('complete', true);
    return viewer;
  };
  let viewer = await openViewer();
  const regions = viewer.getByRole('group', { name: 'Redactions on this image' });
  const box = (await regions.boundingBox())!;
  // From a quarter in to the middle: a quarter of the photo's width and height.
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.25);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.4, { steps: 4 });
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 4 });
  await page.mouse.up();
  const draft = viewer.getByRole('group', { name: /^New redaction area/ });
  await expect(draft).toBeFocused();
  await expect(draft).toHaveAccessibleName('New redaction area, 160 × 120 px, 25% from the left, 25% from the top');

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  // 640 × 480: two steps of 1% right is 27%, one step of 1% taller is 120 + 4.8 px.
  await expect(draft).toHaveAccessibleName('New redaction area, 160 × 125 px, 27% from the left, 25% from the top');
  await expect(viewer).toBeVisible();
  await saveScreen(page, 'image-region-drawn');

  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'Image redaction' });
  await expect(form).toBeVisible();
  await form.getByRole('radio', { name: 'Article 8: private and family life' }).click();
  await saveScreen(page, 'image-region-reason');
  await form.getByRole('button', { name: 'Redact' }).click();

  const region = viewer.getByRole('button', { name: /^Redaction: Article 8: private and family life, 160 × 125 px/ });
  await expect(region).toBeVisible();
  await expect(form).toHaveCount(0);
  expect(await blockingViolations(page, '[role="dialog"]')).toEqual([]);
  await saveScreen(page, 'image-region-redacted');
  await page.setViewportSize({ width: 1024, height: 640 });
  await expect(region).toBeVisible();
  await saveScreen(page, 'image-region-redacted-narrow');
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const undo = page.getByRole('button', { name: /^Undo redaction 'Article 8: private and family life' of an area of an image/ });
  await expect(undo).toBeEnabled();
  await undo.click();
  viewer = await openViewer();
  await expect(viewer.getByRole('group', { name: 'Redactions on this image' })).toBeVisible();
  await expect(viewer.getByRole('button', { name: /^Redaction:/ })).toHaveCount(0);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: /^Redo redaction 'Article 8: private and family life' of an area of an image/ }).click();
  viewer = await openViewer();
  await expect(viewer.getByRole('button', { name: /^Redaction: Article 8: private and family life, 160 × 125 px/ })).toBeVisible();
});
