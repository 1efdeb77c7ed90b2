/**
 * The Audit screen over real handlers: the log after some decisions, its filters, opening an entry's
 * message in Review, and verifying the hash chain as a job. And the reviewer's name: asked once per
 * machine, then shown in the History panel and the log.
 */
import { blockingViolations } from './axe';
import { expect, REVIEWER, test } from './fixtures';
import { AuditPage } from './pages/AuditPage';
import { caseWithMessages, EXPORTS } from './pages/caseWithMessages';
import { saveScreen } from './screens';

test.describe('with a reviewer name given on this machine', () => {
  // Not the OS user the host starts with: what is recorded is the stored name.
  test.use({ storedReviewer: 'Priya Shah' });

  test('lists the log newest first, filters it, and opens an entry’s message in Review', async ({
    startPage,
    caseFrame,
    sourcesPage,
    reviewPage,
    shell,
  }) => {
    const { keyboard } = shell.page;
    const audit = new AuditPage(shell.page);
    await caseWithMessages({ startPage, caseFrame, sourcesPage }, 'Audit trail', [EXPORTS.fionaIos]);
    await caseFrame.goTo('Review');
    await reviewPage.expectTimelineOf('Euan Baird');
    await reviewPage.messageAt(2).click();
    await keyboard.press('b');
    await expect(reviewPage.codes(2)).toHaveText('Business');
    await keyboard.press('x');
    await expect(reviewPage.codes(3)).toHaveText('Withhold');
    await reviewPage.messageAt(3).click();
    await expect(reviewPage.side.getByRole('region', { name: /^History/ })).toContainText('Priya Shah');

    await caseFrame.goTo('Audit');
    const first = audit.entries().first();
    await expect(first).toContainText('Review decision');
    await expect(first).toContainText('Priya Shah');
    await expect(first).toContainText(/withhold/i);
    await expect(audit.entries().last()).toContainText('Case created');
    await expect(audit.count).toHaveText(/^\d+ entries$/);
    await saveScreen(shell.page, 'audit-log');
    expect(await blockingViolations(shell.page)).toEqual([]);

    // Filtered to decisions: two, the older one the business coding of message 3.
    await audit.filter('Action').selectOption({ label: 'Review decision' });
    await expect(audit.entries()).toHaveCount(2);
    await expect(audit.count).toHaveText(/^2 of \d+ entries$/);
    await audit.filter('Item').selectOption({ label: 'Message id' });
    await audit.filter('Message id').fill('999999');
    await expect(audit.entries()).toHaveCount(0);
    await expect(audit.empty).toHaveText('No entries match these filters.');
    await audit.filter('Item').selectOption({ label: 'Any item' });
    await expect(audit.entries()).toHaveCount(2);

    // Keyboard: into the list, down to the older decision, Enter opens its message in Review.
    await audit.entries().first().focus();
    await keyboard.press('ArrowDown');
    await expect(audit.entries().nth(1)).toBeFocused();
    await expect(audit.selected).toContainText('classification: Business');
    await keyboard.press('Enter');
    await expect(caseFrame.screenTitle).toHaveText('Review');
    await expect(reviewPage.coding).toContainText('Message 3 of 57');
  });
});

test('verifies the chain as a job and shows it intact with its head hash, at 1024×640', async ({ startPage, caseFrame, shell }) => {
  const audit = new AuditPage(shell.page);
  await shell.page.setViewportSize({ width: 1024, height: 640 });
  await startPage.createCase({ name: 'Chain check', inquiry: 'UK Covid-19 Inquiry', requestReference: 'M2/R9/044' });
  await caseFrame.goTo('Audit');
  await expect(audit.count).toHaveText('1 entry');
  await audit.verifyButton.click();
  await expect(audit.verifyResult).toContainText('Chain intact: 1 entry');
  await expect(audit.verifyResult).toContainText(/head \(entry #1\) [0-9a-f]{64}/);
  await expect(audit.verifyButton).toBeEnabled();
  await saveScreen(shell.page, 'audit-verified-1024');
  expect(await blockingViolations(shell.page)).toEqual([]);
});

test.describe('on a machine where no reviewer has given a name', () => {
  test.use({ storedReviewer: null });

  test('asks for the name once, then records it and shows it in the status bar and the audit log', async ({
    startPage,
    caseFrame,
    sourcesPage,
    shell,
  }) => {
    const audit = new AuditPage(shell.page);
    const prompt = shell.page.getByRole('dialog', { name: 'Who is reviewing?' });
    await startPage.createCase({ name: 'Named review' });
    await expect(prompt).toBeVisible();
    const name = prompt.getByLabel('Your name', { exact: true });
    await expect(name).toHaveValue(REVIEWER);
    await saveScreen(shell.page, 'reviewer-prompt');
    expect(await blockingViolations(shell.page)).toEqual([]);
    await name.fill('\u202eevil');
    await prompt.getByRole('button', { name: 'Save name' }).click();
    await expect(prompt).toContainText('control or text-direction');
    await name.fill('Priya Shah');
    await prompt.getByRole('button', { name: 'Save name' }).click();
    await expect(prompt).toBeHidden();
    await expect(shell.page.getByRole('contentinfo')).toContainText('Reviewer: Priya Shah');

    await caseFrame.goTo('Sources');
    const custodianForm = sourcesPage.custodians.getByRole('form', { name: 'Add a custodian' });
    await custodianForm.getByLabel('Name', { exact: true }).fill('Fiona Laird');
    await custodianForm.getByRole('button', { name: 'Add custodian' }).click();
    await expect(custodianForm.getByRole('status')).toHaveText('Fiona Laird added as a custodian.');
    await caseFrame.goTo('Audit');
    await expect(audit.entries().first()).toContainText('Custodian added');
    await expect(audit.entries().first()).toContainText('Priya Shah');
    // The case was created before the name was given: it stays recorded under the name then in use.
    await expect(audit.entries().last()).toContainText(REVIEWER);

    // Asked once: a fresh window on the same machine does not ask again.
    await shell.page.reload();
    await caseFrame.expectCase('Named review');
    await expect(shell.page.getByRole('contentinfo')).toContainText('Reviewer: Priya Shah');
    await expect(prompt).toHaveCount(0);
  });
});
