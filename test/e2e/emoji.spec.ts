/**
 * Emoji in messages are drawn, not shown as empty boxes (issue 16): the renderer bundles Noto Color
 * Emoji and falls back to it after the text fonts, because the machines it runs on (and Debian's
 * Chromium here) may have no colour emoji font at all. Proved twice: the bundled face is loaded for
 * the message's emoji, and the pixels where the emoji sit are in colour (an empty box is grey).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import sharp from 'sharp';
import { SHELL_ORIGIN } from '../../main/security/policy';
import { expect, test } from './fixtures';
import { saveScreen } from './screens';

const EMOJI = '👍🏽🇬🇧';
const MESSAGE = `Thanks ${EMOJI} see you at the briefing`;

// A two-line WhatsApp export of the test's own, written before the case is seeded from it.
const exportDir = mkdtempSync(join(tmpdir(), 'disclosure-desk-emoji-'));
const exportPath = join(exportDir, 'emoji-chat.txt');
writeFileSync(
  exportPath,
  ['02/03/2020, 09:12 - Fiona Laird: Briefing moved to 10:00', `02/03/2020, 09:21 - Euan Baird: ${MESSAGE}`, ''].join('\n'),
);
test.afterAll(() => rmSync(exportDir, { recursive: true, force: true }));
test.use({ caseSeed: { name: 'Emoji', exports: [{ path: exportPath, custodian: 'Euan Baird' }] } });

/** The box, in page pixels, of `text` inside the element: where its glyphs are drawn. */
async function boxOfText(element: Locator, text: string): Promise<{ x: number; y: number; width: number; height: number }> {
  return element.evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const start = node.textContent?.indexOf(wanted) ?? -1;
      if (start < 0) continue;
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + wanted.length);
      const { x, y, width, height } = range.getBoundingClientRect();
      return { x, y, width, height };
    }
    throw new Error(`"${wanted}" is not in the element's text`);
  }, text);
}

/** How many pixels are clearly coloured (not a shade of grey): an empty box or monochrome glyph has none. */
async function colouredPixels(png: Buffer): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let coloured = 0;
  for (let i = 0; i + 2 < data.length; i += info.channels) {
    const channels = [data.readUInt8(i), data.readUInt8(i + 1), data.readUInt8(i + 2)];
    if (Math.max(...channels) - Math.min(...channels) > 60) coloured++;
  }
  return coloured;
}

test('emoji in a message render in colour from the bundled Noto Color Emoji, loaded from the app itself', async ({
  caseFrame,
  reviewPage,
  shell,
}) => {
  // The first emoji decodes the whole font (5.8 MB woff2): about 2 s of this test on a busy machine,
  // which brings it to 11-14 s; the limit leaves it under half.
  test.setTimeout(40_000);
  const page = shell.page;
  const fonts: { url: string; status: number; type: string | undefined }[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'font')
      fonts.push({ url: response.url(), status: response.status(), type: response.headers()['content-type'] });
  });
  await caseFrame.expectCase('Emoji');
  await caseFrame.goTo('Review');
  const row = reviewPage.messages().filter({ hasText: 'Thanks' });
  await expect(row).toContainText(EMOJI);

  // The face is loaded once text falls back to it; `document.fonts.ready` waits for that load.
  const loadedFaces = await page.evaluate(async () => {
    await document.fonts.ready;
    let loaded = 0;
    document.fonts.forEach((face) => {
      if (face.family.replace(/"/g, '') === 'Noto Color Emoji' && face.status === 'loaded') loaded++;
    });
    return loaded;
  });
  expect(loadedFaces, 'the bundled Noto Color Emoji face was loaded for the emoji on screen').toBe(1);
  // From the app's own files, under the CSP's font-src 'self' (the fixture fails the test on any blocked request).
  expect(fonts).toEqual([
    { url: expect.stringMatching(new RegExp(`^${SHELL_ORIGIN}/assets/noto-color-emoji-.*\\.woff2$`)), status: 200, type: 'font/woff2' },
  ]);

  const box = await boxOfText(row, EMOJI);
  expect(box.width).toBeGreaterThan(0);
  const crop = await page.screenshot({ clip: box });
  await saveScreen(page, 'emoji-in-review');
  expect(await colouredPixels(crop), 'coloured pixels where the emoji are drawn').toBeGreaterThan(20);
  await page.setViewportSize({ width: 1024, height: 640 });
  await row.scrollIntoViewIfNeeded();
  await saveScreen(page, 'emoji-in-review-1024');
});
