/**
 * A case whose file is marked read-only (chmod 0444) opens read-only through the UI, says so on every
 * screen, and offers no way to change it.
 */
import { chmodSync } from 'node:fs';
import { closeCase, createCase } from '../../main/cases/service';
import { blockingViolations } from './axe';
import { expect, test } from './fixtures';
import { saveScreen } from './screens';

const DETAILS = {
  name: 'Received on a read-only share',
  inquiry: 'UK Covid-19 Inquiry',
  requestReference: 'M2/R4',
  referencePrefix: 'INQ',
  protectiveMarking: 'OFFICIAL-SENSITIVE',
  defaultTimeZone: 'Europe/London',
};

test('a read-only case file opens read-only, says so on every screen, and offers no changes', async ({
  startPage,
  caseFrame,
  workspace,
  shell,
}) => {
  const path = workspace.casePath('read-only.ddcase');
  closeCase(createCase(path, DETAILS, { actor: 'colleague', appVersion: 'test' }));
  chmodSync(path, 0o444);

  await startPage.expectShown();
  await startPage.openByPath(path);
  await caseFrame.expectCase(DETAILS.name);

  const banner = shell.page.getByRole('region', { name: 'Read-only case' });
  await expect(banner).toContainText('Read-only: this case file cannot be changed');
  await expect(shell.page.getByRole('contentinfo')).toContainText('Read-only');

  await caseFrame.goTo('Sources');
  await expect(banner).toBeVisible();
  await expect(caseFrame.main).toContainText('This case file is read-only, so nothing can be imported into it.');
  await expect(caseFrame.main).toContainText('Custodians cannot be added: this case file is read-only.');
  await expect(caseFrame.main.getByRole('button', { name: /^Import/ })).toHaveCount(0);
  await expect(caseFrame.main.getByRole('button', { name: 'Add custodian' })).toHaveCount(0);
  await saveScreen(shell.page, 'read-only-sources');

  expect(await blockingViolations(shell.page)).toEqual([]);
});
