/**
 * axe-core over every screen, in the states a reviewer sees them. Serious and critical violations
 * fail the test; each screen is also saved as a screenshot for a person to look at.
 */
import { rmSync } from 'node:fs';
import { blockingViolations } from './axe';
import { expect, test } from './fixtures';
import { BundlesPage } from './pages/BundlesPage';
import { EXPORTS } from './pages/caseWithMessages';
import { RedactInPlace } from './pages/RedactInPlace';
import { seedRedaction } from './pages/seedCase';
import { SearchPage } from './pages/SearchPage';
import { saveScreen } from './screens';

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

/** The redaction the Review test makes by hand, made through the handlers for the screens after it. */
const HOME_TOMORROW = { message: 'All clear', text: 'home tomorrow', reasonCode: 'irrelevant-sensitive' } as const;

// Two halves, each over a case made through the handlers, so that neither comes near the time limit.
const SWEEP = {
  name: 'Accessibility sweep',
  details: { inquiry: 'UK Covid-19 Inquiry', requestReference: 'M2/R9/044', referencePrefix: 'INQ' },
  exports: [],
} as const;

for (const [screens, andShortcuts] of [
  [['Overview', 'Sources', 'Review', 'Search'], false],
  [['Redaction', 'Bundles', 'Audit'], true],
] as const) {
  test.describe(() => {
    test.use({ caseSeed: SWEEP });

    test(`every screen of the app frame: ${screens.join(', ')}${andShortcuts ? ', and the shortcuts overlay' : ''}`, async ({
      caseFrame,
      shortcuts,
      shell,
    }) => {
      await caseFrame.expectCase('Accessibility sweep');
      for (const screen of screens) {
        await caseFrame.goTo(screen);
        // Counts show "…" until the summary arrives; check the screen as it settles.
        await expect(caseFrame.main).not.toContainText('…');
        await saveScreen(shell.page, `screen-${screen.toLowerCase()}`);
        expect(await blockingViolations(shell.page), screen).toEqual([]);
      }
      if (!andShortcuts) return;
      await shell.page.keyboard.press('F1');
      await shortcuts.expectOpen();
      expect(await blockingViolations(shell.page)).toEqual([]);
    });
  });
}

test('a case marked SECRET', async ({ startPage, caseFrame, shell }) => {
  await startPage.createCase({ name: 'Sealed', protectiveMarking: 'SECRET' });
  await caseFrame.expectCase('Sealed');
  await expect(caseFrame.marking()).toHaveText('Protective marking: SECRET');
  await saveScreen(shell.page, 'case-secret-marking');
  expect(await blockingViolations(shell.page)).toEqual([]);
});

for (const size of [
  { name: 'wide', width: 1280, height: 800 },
  { name: 'narrow', width: 960, height: 600 },
]) {
  test.describe(`the Review and Search screens with data and their panels open (${size.name})`, () => {
    test.use({ caseSeed: { name: 'Accessible review', exports: [EXPORTS.fionaIos] } });

    test('Review: coding a selection, then the flags tab', async ({ caseFrame, reviewPage, shell }) => {
      await shell.page.setViewportSize(size);
      await caseFrame.expectCase('Accessible review');
      await caseFrame.goTo('Review');
      await reviewPage.messageAt(1).click();
      await shell.page.keyboard.press('b');
      await reviewPage.messageAt(4).click();
      await reviewPage.messageAt(5).click({ modifiers: ['Shift'] });
      await reviewPage.article8.getByRole('radio', { name: 'Yes' }).click();
      await expect(reviewPage.codes(1)).toHaveText('Business');
      await saveScreen(shell.page, `review-coding-${size.name}`);
      expect(await blockingViolations(shell.page), 'Review, coding').toEqual([]);

      await reviewPage.side.getByRole('tab', { name: /^Flags/ }).click();
      await saveScreen(shell.page, `review-flags-${size.name}`);
      expect(await blockingViolations(shell.page), 'Review, flags').toEqual([]);
    });

    test('Search: results, the syntax help, a keyword report', async ({ caseFrame, shell }) => {
      await shell.page.setViewportSize(size);
      const search = new SearchPage(shell.page);
      await caseFrame.goTo('Search');
      await search.filter('Custodian').selectOption({ label: 'Fiona Laird' });
      await search.search('hospitality OR dad');
      await expect(search.hits().first()).toBeVisible();
      await saveScreen(shell.page, `search-results-${size.name}`);
      expect(await blockingViolations(shell.page), 'Search').toEqual([]);

      await caseFrame.main.getByRole('button', { name: 'Query syntax' }).click();
      await expect(shell.page.getByRole('dialog', { name: 'Query syntax' })).toBeVisible();
      expect(await blockingViolations(shell.page), 'Search, syntax help').toEqual([]);
      await shell.page.keyboard.press('Escape');

      await search.keywordsTab.click();
      await search.keywordForm.getByLabel('Keyword list').fill('hospitality\ndad');
      await search.keywordForm.getByRole('button', { name: 'Run report' }).click();
      await expect(search.report).toBeVisible();
      await saveScreen(shell.page, `search-keywords-${size.name}`);
      expect(await blockingViolations(shell.page), 'Search, keywords').toEqual([]);
    });
  });
}

for (const size of [
  { name: 'wide', width: 1280, height: 800 },
  { name: 'narrow', width: 960, height: 600 },
]) {
  // The case is seeded through the handlers: the import screens are import.spec.ts's subject, and
  // clicking through them cost these tests a third of their time.
  test.describe(`the redaction and bundle screens with data (${size.name})`, () => {
    test.use({ caseSeed: { name: 'Accessible redaction', exports: [EXPORTS.fionaIos] } });

    test('redacting in the Review timeline: the popover, then the redacted message', async ({ caseFrame, reviewPage, shell }) => {
      const page = shell.page;
      await page.setViewportSize(size);
      await caseFrame.expectCase('Accessible redaction');
      await caseFrame.goTo('Review');
      const row = reviewPage.messages().filter({ hasText: 'All clear' });
      const position = Number(await row.getAttribute('data-position'));
      await row.click();
      await page.keyboard.press('d');
      const redact = new RedactInPlace(page, reviewPage);
      await redact.dragAcross(position, 'home tomorrow');
      await expect(redact.popover).toBeVisible();
      await saveScreen(page, `redact-popover-${size.name}`);
      expect(await blockingViolations(page), 'Review, redaction popover').toEqual([]);
      await redact.chooseReason('Irrelevant and sensitive');
      await redact.popover.getByRole('button', { name: 'Redact', exact: true }).click();
      await redact.expectBox(position, 'Irrelevant and sensitive');
      await saveScreen(page, `review-redacted-${size.name}`);
      expect(await blockingViolations(page), 'Review, redacted').toEqual([]);
    });

    test('the Redaction screen: names, suggestions, every occurrence, reasons', async ({ caseFrame, desk, shell }) => {
      const page = shell.page;
      await page.setViewportSize(size);
      await seedRedaction(desk, HOME_TOMORROW);
      await caseFrame.goTo('Redaction');
      // The fixture holds no phone numbers or emails: names from the case list give the suggestions.
      await caseFrame.main.getByRole('tab', { name: 'Names list' }).click();
      await caseFrame.main.getByLabel('Name', { exact: true }).fill('Morag');
      await caseFrame.main.getByRole('button', { name: 'Add name' }).click();
      await expect(caseFrame.main.getByRole('rowheader', { name: 'Morag' })).toBeVisible();
      expect(await blockingViolations(page), 'Redaction, names').toEqual([]);
      await caseFrame.main.getByRole('tab', { name: 'Suggestions' }).click();
      await caseFrame.main.getByRole('button', { name: 'Find suggestions' }).click();
      await expect(caseFrame.main.getByRole('region', { name: 'Suggestions' })).toBeVisible();
      await saveScreen(page, `redaction-suggestions-${size.name}`);
      expect(await blockingViolations(page), 'Redaction, suggestions').toEqual([]);

      await caseFrame.main.getByRole('tab', { name: 'Every occurrence' }).click();
      await caseFrame.main.getByLabel('Text to redact').fill('islands');
      await caseFrame.main.getByRole('button', { name: 'Preview every occurrence' }).click();
      await expect(caseFrame.main.getByRole('region', { name: 'Occurrences' })).toBeVisible();
      await saveScreen(page, `redaction-occurrences-${size.name}`);
      expect(await blockingViolations(page), 'Redaction, every occurrence').toEqual([]);

      await caseFrame.main.getByRole('tab', { name: 'Reasons' }).click();
      await saveScreen(page, `redaction-reasons-${size.name}`);
      expect(await blockingViolations(page), 'Redaction, reasons').toEqual([]);
    });

    test('the Bundles screen: settings and preview, then an exported bundle', async ({ caseFrame, desk, shell, workspace }) => {
      const page = shell.page;
      await page.setViewportSize(size);
      await seedRedaction(desk, HOME_TOMORROW);
      const bundles = new BundlesPage(page);
      await caseFrame.goTo('Bundles');
      await expect(bundles.pages.first()).toBeVisible();
      await saveScreen(page, `bundles-settings-${size.name}`);
      expect(await blockingViolations(page), 'Bundles, settings and preview').toEqual([]);
      await bundles.setOutputFolder(`${workspace.caseFolder}/a11y-bundle`);
      await bundles.exportAndWait();
      await bundles.outcome.scrollIntoViewIfNeeded();
      await saveScreen(page, `bundles-exported-${size.name}`);
      expect(await blockingViolations(page), 'Bundles, exported').toEqual([]);
    });
  });
}
