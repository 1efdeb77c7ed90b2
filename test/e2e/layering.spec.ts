/**
 * Issue 12's blocker, through the UI: a message withheld with an Article 8 assessment and a message
 * disclosed with span redactions survive "Outcome: Disclose → Apply to conversation". The preview
 * dialog shows what will change and what is kept, lists the kept messages, and is axe clean.
 *
 * The two individual decisions are recorded through the same services the coding panel and the
 * redaction popover call (review.spec and redaction.spec drive those screens), so the test spends its
 * time on the sequence that failed: the coding panel, Apply to conversation, the preview.
 */
import { join, resolve } from 'node:path';
import { closeCase, createCase } from '../../main/cases/service';
import { importSource } from '../../main/import/run';
import { addRedaction } from '../../main/redact/redactions';
import { decide } from '../../main/review/decisions';
import { AddRedactionArgsSchema } from '../../common/contract/channels/redaction';
import { DecideArgsSchema } from '../../common/contract/channels/review';
import { blockingViolations } from './axe';
import { expect, REVIEWER, test } from './fixtures';
import { RedactInPlace } from './pages/RedactInPlace';
import { saveScreen } from './screens';

const FIXTURE = resolve(__dirname, '..', 'fixtures', 'whatsapp', 'ios-en-GB.zip');
const HIDDEN = "he's home tomorrow";
const FAMILY = 'Can you call me before the 9am?';

test.use({ dialogAnswers: { native: true, open: 'layering.ddcase' } });

async function preparedCase(path: string): Promise<void> {
  const session = createCase(
    path,
    {
      name: 'Layering',
      inquiry: 'UK Covid-19 Inquiry',
      requestReference: 'M2/R9/044',
      referencePrefix: 'INQ',
      protectiveMarking: 'OFFICIAL-SENSITIVE',
      defaultTimeZone: 'Europe/London',
    },
    { actor: REVIEWER, appVersion: 'test' },
  );
  const db = session.writable!;
  await importSource(db, { path: FIXTURE, custodian: 'Fiona Laird', timeZone: 'Europe/London' }, { actor: REVIEWER, parseThread: false });
  const idOf = (text: string): number => db.prepare("SELECT id FROM messages WHERE body LIKE '%' || ? || '%'").pluck().get(text) as number;
  const family = idOf(FAMILY);
  const clear = idOf('All clear');
  const article8 = {
    engaged: 'yes',
    whose: 'third_party',
    rationalConnection: 'It is not: a family matter.',
    lessIntrusiveStep: 'withholding',
    lessIntrusiveReasoning: 'Only withholding removes the intrusion.',
    fairBalance: 'No.',
  };
  decide(db, DecideArgsSchema.parse({ selector: { kind: 'ids', ids: [family] }, change: { outcome: 'withhold', article8 } }), REVIEWER);
  decide(db, DecideArgsSchema.parse({ selector: { kind: 'ids', ids: [clear] }, change: { outcome: 'disclose' } }), REVIEWER);
  const body = db.prepare('SELECT body FROM messages WHERE id = ?').pluck().get(clear) as string;
  const start = body.indexOf(HIDDEN);
  addRedaction(
    db,
    AddRedactionArgsSchema.parse({ kind: 'span', messageId: clear, start, end: start + HIDDEN.length, reasonCode: 'article-8' }),
    REVIEWER,
  );
  closeCase(session);
}

test('"Apply to conversation" keeps an individual withhold, its Article 8 record and live redactions, after a preview', async ({
  startPage,
  caseFrame,
  reviewPage,
  shell,
  workspace,
}) => {
  const page = shell.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  await preparedCase(join(workspace.caseFolder, 'layering.ddcase'));
  await startPage.openCaseTab.click();
  await startPage.openCaseForm.getByRole('button', { name: 'Choose a case file to open' }).click();
  await caseFrame.expectCase('Layering');
  await caseFrame.goTo('Review');
  await reviewPage.expectTimelineOf('Euan Baird');
  const family = Number(await reviewPage.messages().filter({ hasText: FAMILY }).getAttribute('data-position'));
  const redacted = Number(await reviewPage.messages().filter({ hasText: 'All clear' }).getAttribute('data-position'));
  await expect(reviewPage.codes(family)).toHaveText('Withhold');
  await expect(reviewPage.codes(redacted)).toHaveText('Disclose with redactions');

  // The blocker sequence: coding panel, Outcome "Disclose", "Apply to conversation".
  await reviewPage.messageAt(0).click();
  await reviewPage.choice('Outcome', 'Disclose$').click();
  await reviewPage.coding.getByRole('button', { name: /^Apply to conversation/ }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('55 messages will change.');
  await expect(dialog).toContainText('Kept as they are: 1 individually coded “Withhold”, 1 with live redactions.');
  // Overwriting is offered only once the kept messages have been listed.
  await expect(dialog.getByRole('button', { name: 'Overwrite 1 individual decision too' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Review them' }).click();
  const kept = dialog.getByRole('region', { name: 'The 2 kept messages' });
  await expect(kept.getByRole('listitem')).toHaveCount(2);
  await expect(kept.getByRole('listitem').filter({ hasText: FAMILY })).toContainText('Individually coded “Withhold”');
  await expect(kept.getByRole('listitem').filter({ hasText: 'All clear' })).toContainText('With live redactions');
  await expect(dialog.getByRole('button', { name: 'Overwrite 1 individual decision too' })).toBeEnabled();
  expect(await blockingViolations(page, '.bulk-preview')).toEqual([]);
  await saveScreen(page, 'bulk-preview');
  await page.setViewportSize({ width: 1024, height: 640 });
  await saveScreen(page, 'bulk-preview-narrow');

  // From the keyboard: the safe choice, keeping them.
  await dialog.getByRole('button', { name: 'Apply, keep 2' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(reviewPage.announcer).toContainText('55 messages changed. 2 messages kept as they were.');
  await expect(reviewPage.codes(family)).toHaveText('Withhold');
  await expect(reviewPage.codes(redacted)).toHaveText('Disclose with redactions');
  await expect(reviewPage.codes(0)).toHaveText('Disclose');
  await expect(new RedactInPlace(page, reviewPage).boxes(redacted)).toContainText('redacted: Article 8');

  // The Article 8 record is still the family message's.
  await reviewPage.messageAt(family).click();
  await expect(reviewPage.article8.getByRole('radio', { name: 'Yes' })).toBeChecked();
  await expect(reviewPage.article8.getByLabel('2. How is disclosing it connected to the objective?')).toHaveValue(
    'It is not: a family matter.',
  );
});
