import { existsSync, rmSync } from 'node:fs';
import { closeCase, createCase } from '../../main/cases/service';
import { expect, REVIEWER, test } from './fixtures';
import { saveScreen } from './screens';

/** A case made outside the UI, as a colleague's copy would arrive. */
const PREPARED = {
  name: 'Prepared elsewhere',
  inquiry: 'Grenfell Tower Inquiry',
  requestReference: 'R-17',
  referencePrefix: 'GTI',
  protectiveMarking: 'OFFICIAL',
  defaultTimeZone: 'Europe/London',
};
const SOMEONE_ELSE = { actor: 'colleague', appVersion: 'test' };

test('creates a case, closes it, and reopens it from the recent cases', async ({ startPage, caseFrame, workspace, shell }) => {
  await startPage.expectShown();
  await expect(startPage.recentCases).toContainText('No recent cases');
  await saveScreen(shell.page, 'start-empty');

  await startPage.fillNewCase({
    name: 'Module 2 — Cabinet Office',
    inquiry: 'UK Covid-19 Inquiry',
    requestReference: 'M2/CO/R9/01',
  });
  await expect(startPage.newCaseField('Case file location')).toHaveValue(workspace.casePath('Module 2 — Cabinet Office.ddcase'));
  await saveScreen(shell.page, 'start-create-form');
  await startPage.submitNewCase();

  await caseFrame.expectCase('Module 2 — Cabinet Office');
  await expect(caseFrame.header).toContainText('UK Covid-19 Inquiry');
  await expect(caseFrame.marking()).toHaveText('Protective marking: OFFICIAL-SENSITIVE');
  await expect(caseFrame.screenTitle).toHaveText('Overview');
  for (const label of ['Custodians', 'Sources', 'Conversations', 'Messages', 'Attachments', 'Redactions', 'Bundles']) {
    await expect(caseFrame.count(label), label).toHaveText('0');
  }
  // Creating the case is itself the first audited event.
  await expect(caseFrame.count('Audit entries')).toHaveText('1');
  await expect(caseFrame.detail('Reference prefix')).toHaveText('INQ');
  await expect(caseFrame.detail('Default time zone')).toHaveText('Europe/London');
  await expect(caseFrame.detail('Case file')).toHaveText(workspace.casePath('Module 2 — Cabinet Office.ddcase'));
  await expect(shell.page.getByRole('contentinfo')).toContainText(`Reviewer: ${REVIEWER}`);
  expect(existsSync(workspace.casePath('Module 2 — Cabinet Office.ddcase'))).toBe(true);
  await saveScreen(shell.page, 'case-overview');

  await caseFrame.close();
  await startPage.expectShown();
  const recent = startPage.recentCase('Module 2 — Cabinet Office');
  await expect(recent).toBeVisible();
  await expect(recent).toBeFocused();
  await expect(startPage.recentCases).toContainText(workspace.casePath('Module 2 — Cabinet Office.ddcase'));
  await expect(startPage.recentCases).toContainText('Last opened');
  await saveScreen(shell.page, 'start-recent');

  await recent.click();
  await caseFrame.expectCase('Module 2 — Cabinet Office');
  await expect(caseFrame.count('Messages')).toHaveText('0');
});

test('opens a case by typing its path', async ({ startPage, caseFrame, workspace }) => {
  const path = workspace.casePath('prepared.ddcase');
  closeCase(createCase(path, PREPARED, SOMEONE_ELSE));

  await startPage.expectShown();
  await startPage.openByPath(path);

  await caseFrame.expectCase('Prepared elsewhere');
  await expect(caseFrame.marking()).toHaveText('Protective marking: OFFICIAL');
  await expect(caseFrame.detail('Reference prefix')).toHaveText('GTI');
  await expect(caseFrame.detail('Request reference')).toHaveText('R-17');
});

test('marks a recent case whose file has gone, and forgets it', async ({ startPage, caseFrame, workspace }) => {
  const path = workspace.casePath('Short-lived.ddcase');
  await startPage.createCase({ name: 'Short-lived' });
  await caseFrame.expectCase('Short-lived');
  await caseFrame.close();
  rmSync(path);
  await startPage.page.reload();

  const recent = startPage.recentCase('Short-lived');
  await expect(recent).toHaveAccessibleDescription(/File not found/);
  await recent.click();
  await expect(startPage.alert()).toContainText(`No case file at ${path}. It may have been moved or deleted.`);

  await startPage.forgetButton('Short-lived').click();
  await expect(recent).toHaveCount(0);
  await expect(startPage.recentCases).toContainText('No recent cases');
});

test.describe('with native file dialogs', () => {
  test.use({ dialogAnswers: { native: true, create: 'Chosen in the dialog.ddcase', open: 'prepared.ddcase' } });

  test('Choose… sets where a new case is saved', async ({ startPage, caseFrame, workspace, shell }) => {
    await startPage.fillNewCase({ name: 'Native dialogs' });
    const location = startPage.newCaseField('Case file location');
    await expect(location).toHaveAttribute('readonly', '');
    await expect(location).toHaveValue(workspace.casePath('Native dialogs.ddcase'));
    await startPage.newCaseForm.getByRole('button', { name: 'Choose case file location' }).click();
    await expect(location).toHaveValue(workspace.casePath('Chosen in the dialog.ddcase'));
    await saveScreen(shell.page, 'start-create-native-dialogs');
    await startPage.submitNewCase();

    await caseFrame.expectCase('Native dialogs');
    expect(existsSync(workspace.casePath('Chosen in the dialog.ddcase'))).toBe(true);
  });

  test('Choose… on the Open tab opens the chosen case at once', async ({ startPage, caseFrame, workspace }) => {
    closeCase(createCase(workspace.casePath('prepared.ddcase'), PREPARED, SOMEONE_ELSE));
    await startPage.openCaseTab.click();
    await startPage.openCaseForm.getByRole('button', { name: 'Choose a case file to open' }).click();
    await caseFrame.expectCase(PREPARED.name);
  });
});
