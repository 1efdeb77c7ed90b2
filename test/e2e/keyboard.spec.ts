import { expect, test } from './fixtures';
import { saveScreen } from './screens';

test('works from the keyboard alone: create, shortcuts overlay, screens, close', async ({ startPage, caseFrame, shortcuts, shell }) => {
  const { keyboard } = shell.page;
  await startPage.expectShown();
  // With no recent cases, the keyboard starts in the new-case form.
  await expect(startPage.newCaseField('Case name')).toBeFocused();
  await keyboard.type('Keyboard only');
  await keyboard.press('Enter');
  await caseFrame.expectCase('Keyboard only');

  await keyboard.press('F1');
  await shortcuts.expectOpen();
  await expect(shortcuts.keysFor('New case')).toHaveText('Ctrl+N');
  await expect(shortcuts.keysFor('Sources')).toHaveText('Alt+2');
  await expect(shortcuts.keysFor('Show keyboard shortcuts')).toHaveText('F1or?');
  await saveScreen(shell.page, 'shortcuts-overlay');
  await keyboard.press('Escape');
  await shortcuts.expectClosed();

  await keyboard.press('Alt+2');
  await expect(caseFrame.screenTitle).toHaveText('Sources');
  await expect(caseFrame.screenTitle).toBeFocused();
  await expect(caseFrame.screenLink('Sources')).toHaveAttribute('aria-current', 'page');
  await keyboard.press('Alt+7');
  await expect(caseFrame.screenTitle).toHaveText('Audit');
  await keyboard.press('Alt+1');
  await expect(caseFrame.count('Messages')).toHaveText('0');

  await keyboard.press('?');
  await shortcuts.expectOpen();
  await keyboard.press('Escape');
  await shortcuts.expectClosed();

  await keyboard.press('Control+w');
  await startPage.expectShown();
  await expect(startPage.recentCase('Keyboard only')).toBeFocused();
  await keyboard.press('Enter');
  await caseFrame.expectCase('Keyboard only');
});

test('Tab reaches the screens with a visible focus ring', async ({ startPage, caseFrame, shell }) => {
  await startPage.createCase({ name: 'Focus rings' });
  await caseFrame.expectCase('Focus rings');
  const sources = caseFrame.screenLink('Sources');
  await sources.focus();
  await shell.page.keyboard.press('Shift+Tab');
  await shell.page.keyboard.press('Tab');
  await expect(sources).toBeFocused();
  await expect(sources).toHaveCSS('outline-style', 'solid');
  await expect(sources).toHaveCSS('outline-width', '2px');
  await shell.page.keyboard.press('Enter');
  await expect(caseFrame.screenTitle).toHaveText('Sources');
});

test('Ctrl+N and Ctrl+O bring up the forms over an open case, which stays open until replaced', async ({ startPage, caseFrame, shell }) => {
  const { keyboard } = shell.page;
  await startPage.createCase({ name: 'First case' });
  await caseFrame.expectCase('First case');

  await keyboard.press('Control+n');
  await expect(startPage.newCaseField('Case name')).toBeFocused();
  await keyboard.press('Control+o');
  await expect(startPage.openCaseForm.getByLabel('Case file', { exact: true })).toBeFocused();
  await startPage.page.getByRole('button', { name: 'Back to First case' }).click();
  await caseFrame.expectCase('First case');
});

test('follows the native menu’s commands', async ({ startPage, caseFrame, shortcuts, shell }) => {
  await startPage.createCase({ name: 'Menu driven' });
  await caseFrame.expectCase('Menu driven');

  await shell.emit('menu.command', { command: 'show-shortcuts' });
  await shortcuts.expectOpen();
  await shell.emit('menu.command', { command: 'close-case' });
  await shortcuts.expectClosed();
  await startPage.expectShown();

  await shell.emit('menu.command', { command: 'open-case' });
  await expect(startPage.openCaseForm.getByLabel('Case file', { exact: true })).toBeFocused();
  await shell.emit('menu.command', { command: 'new-case' });
  await expect(startPage.newCaseField('Case name')).toBeFocused();
});
