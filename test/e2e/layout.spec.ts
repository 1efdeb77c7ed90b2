import { expect, test } from './fixtures';
import { saveScreen } from './screens';

/** Electron's window may be made as small as this (main/electron/window.ts). */
const SMALLEST_WINDOW = { width: 960, height: 600 };

const LONG_NAME =
  'Module 2B — Core decision-making and political governance in Scotland: Rule 9 request to the First Minister’s private office';

test('long names stay inside the smallest window', async ({ startPage, caseFrame, shell }) => {
  await shell.page.setViewportSize(SMALLEST_WINDOW);
  await startPage.createCase({
    name: LONG_NAME,
    inquiry: 'UK Covid-19 Inquiry — Module 2B (Scotland) core decision-making and political governance',
    requestReference: 'M2B/SG/R9/2023/0417-supplementary',
  });
  await caseFrame.expectCase(LONG_NAME);
  await saveScreen(shell.page, 'narrow-overview');
  await caseFrame.goTo('Sources');
  await saveScreen(shell.page, 'narrow-sources');

  const overflow = await shell.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'the page scrolls sideways').toBe(0);
  const actions = await caseFrame.header.getByRole('button', { name: 'Close case' }).boundingBox();
  expect(actions && actions.x + actions.width).toBeLessThanOrEqual(SMALLEST_WINDOW.width);

  await caseFrame.close();
  await expect(startPage.recentCase(LONG_NAME)).toBeVisible();
  await saveScreen(shell.page, 'narrow-start');
  expect(await shell.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
});
