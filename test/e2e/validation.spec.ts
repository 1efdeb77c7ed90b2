import { existsSync, writeFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { saveScreen } from './screens';

test('explains each invalid field next to it and creates nothing', async ({ startPage, workspace, shell }) => {
  await startPage.expectShown();
  await startPage.fillNewCase({ name: '   ', referencePrefix: 'inq 2', defaultTimeZone: 'Mars/Olympus Mons' });
  await startPage.submitNewCase();

  await expect(startPage.fieldError('Case name')).toHaveText('Error: A case name is required.');
  await expect(startPage.fieldError('Reference prefix')).toHaveText(
    'Error: Use 1-16 capital letters, digits, "-" or "_", starting with a letter (e.g. INQ)',
  );
  await expect(startPage.fieldError('Default time zone')).toHaveText('Error: Not a known IANA time zone (e.g. Europe/London)');
  const name = startPage.newCaseField('Case name');
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription('Error: A case name is required.');
  await saveScreen(shell.page, 'start-create-validation');

  // Correcting a field clears its message; the others stay until they are fixed.
  await startPage.newCaseField('Reference prefix').fill('INQ2');
  await expect(startPage.fieldError('Reference prefix')).toHaveCount(0);
  await expect(startPage.fieldError('Case name')).toBeVisible();
  expect(existsSync(workspace.casePath('New case.ddcase'))).toBe(false);
});

test('asks for a .ddcase file name', async ({ startPage, workspace }) => {
  await startPage.fillNewCase({ name: 'Wrong extension', path: workspace.casePath('wrong.sqlite') });
  await startPage.submitNewCase();
  await expect(startPage.fieldError('Case file location')).toHaveText('Error: A case file name ends in .ddcase.');
});

test('shows main’s refusal in plain words when the file already exists', async ({ startPage, workspace, shell }) => {
  const path = workspace.casePath('Taken.ddcase');
  writeFileSync(path, 'someone else’s file');
  await startPage.createCase({ name: 'Taken' });

  const alert = startPage.alert();
  await expect(alert).toContainText('The case was not created');
  await expect(alert).toContainText(`A file already exists at ${path}. Choose another name, or open the existing case instead.`);
  await expect(startPage.heading).toBeVisible();
  await saveScreen(shell.page, 'start-create-file-exists');
});

test('explains why a file is not a case it can open', async ({ startPage, workspace, shell }) => {
  const path = workspace.casePath('notes.ddcase');
  writeFileSync(path, 'plain text, not a case');
  await startPage.openByPath(path);

  await expect(startPage.alert()).toContainText(
    `${path} is not a Disclosure Desk case file (it is not a SQLite database). Choose a .ddcase file created by Disclosure Desk.`,
  );
  await saveScreen(shell.page, 'start-open-error');

  await startPage.openByPath(workspace.casePath('notes.txt'));
  await expect(startPage.openCaseForm.locator('.field__error')).toHaveText('Error: A case file name ends in .ddcase.');
});
