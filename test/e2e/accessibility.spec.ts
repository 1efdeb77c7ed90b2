/**
 * axe-core over every screen, in the states a reviewer sees them. Serious and critical violations
 * fail the test; each screen is also saved as a screenshot for a person to look at.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { rmSync } from 'node:fs';
import { expect, test } from './fixtures';
import { saveScreen } from './screens';

const BLOCKING = new Set(['serious', 'critical']);

async function blockingViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('the start screen, its forms and their errors', async ({ startPage, shell }) => {
  await startPage.expectShown();
  expect(await blockingViolations(shell.page)).toEqual([]);

  await startPage.submitNewCase();
  await expect(startPage.fieldError('Case name')).toBeVisible();
  expect(await blockingViolations(shell.page)).toEqual([]);

  await startPage.openCaseTab.click();
  await saveScreen(shell.page, 'start-open-form');
  expect(await blockingViolations(shell.page)).toEqual([]);
});

test('the start screen with recent cases, one of them missing', async ({ startPage, caseFrame, workspace, shell }) => {
  await startPage.createCase({ name: 'Present' });
  await caseFrame.close();
  await startPage.createCase({ name: 'Missing', path: workspace.casePath('missing.ddcase') });
  await caseFrame.close();
  rmSync(workspace.casePath('missing.ddcase'));
  await shell.page.reload();
  await expect(startPage.recentCase('Missing')).toHaveAccessibleDescription(/File not found/);
  await saveScreen(shell.page, 'start-recent-missing');
  expect(await blockingViolations(shell.page)).toEqual([]);
});

const SCREENS = ['Overview', 'Sources', 'Review', 'Search', 'Redaction', 'Bundles', 'Audit'];

test('every screen of the app frame, and the shortcuts overlay', async ({ startPage, caseFrame, shortcuts, shell }) => {
  await startPage.createCase({
    name: 'Accessibility sweep',
    inquiry: 'UK Covid-19 Inquiry',
    requestReference: 'M2/R9/044',
    referencePrefix: 'INQ',
  });
  await caseFrame.expectCase('Accessibility sweep');
  for (const screen of SCREENS) {
    await caseFrame.goTo(screen);
    // Counts show "…" until the summary arrives; check the screen as it settles.
    await expect(caseFrame.main).not.toContainText('…');
    await saveScreen(shell.page, `screen-${screen.toLowerCase()}`);
    expect(await blockingViolations(shell.page), screen).toEqual([]);
  }

  await shell.page.keyboard.press('F1');
  await shortcuts.expectOpen();
  expect(await blockingViolations(shell.page)).toEqual([]);
});

test('a case marked SECRET', async ({ startPage, caseFrame, shell }) => {
  await startPage.createCase({ name: 'Sealed', protectiveMarking: 'SECRET' });
  await caseFrame.expectCase('Sealed');
  await expect(caseFrame.marking()).toHaveText('Protective marking: SECRET');
  await saveScreen(shell.page, 'case-secret-marking');
  expect(await blockingViolations(shell.page)).toEqual([]);
});
