/**
 * Redactions on the undo stack, end to end: a span redacted in the Review timeline is taken back
 * with Ctrl+Z (the box goes and the outcome returns to Disclose) and put back with Ctrl+Shift+Z.
 * The reason picker starts on nothing in a case without redactions, with Redact disabled until a
 * reason is chosen by keyboard, and on the reason used last once there is one. The Redaction screen
 * shows the same stack and takes Ctrl+Z too.
 */
import { closeCase, createCase } from '../../main/cases/service';
import { importSource } from '../../main/import/run';
import { decide } from '../../main/review/decisions';
import { DecideArgsSchema } from '../../common/contract/channels/review';
import { expect, REVIEWER, test } from './fixtures';
import { EXPORTS } from './pages/caseWithMessages';
import { RedactInPlace } from './pages/RedactInPlace';
import { saveScreen } from './screens';

const HIDDEN = "he's home tomorrow";
const REASON = 'Personal data (third party)';

const DETAILS = {
  name: 'Redaction undo',
  inquiry: 'UK Covid-19 Inquiry',
  requestReference: 'M2/R9/044',
  referencePrefix: 'INQ',
  protectiveMarking: 'OFFICIAL-SENSITIVE',
  defaultTimeZone: 'Europe/London',
};

test('undoes and redoes a redaction with Ctrl+Z, and the next picker starts on the reason used', async ({
  startPage,
  caseFrame,
  reviewPage,
  shell,
  workspace,
}) => {
  // Imported before the app opens it: importing through the UI is covered elsewhere, and costs seconds here.
  const path = workspace.casePath('undo.ddcase');
  const session = createCase(path, DETAILS, { actor: REVIEWER, appVersion: 'test' });
  const { fionaIos } = EXPORTS;
  const db = session.writable!;
  await importSource(
    db,
    { path: fionaIos.path, custodian: fionaIos.custodian, timeZone: 'Europe/London' },
    { actor: REVIEWER, parseThread: false },
  );
  const allClear = db.prepare("SELECT id FROM messages WHERE body LIKE 'All clear%'").pluck().get() as number;
  decide(db, DecideArgsSchema.parse({ selector: { kind: 'ids', ids: [allClear] }, change: { outcome: 'disclose' } }), REVIEWER);
  closeCase(session);

  const page = shell.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  await startPage.openByPath(path);
  await caseFrame.expectCase(DETAILS.name);
  await caseFrame.goTo('Review');
  await reviewPage.expectTimelineOf('Euan Baird');
  const redact = new RedactInPlace(page, reviewPage);
  const undoButton = reviewPage.undoBar.getByRole('button', { name: /^Undo/ });
  const redoButton = reviewPage.undoBar.getByRole('button', { name: /^Redo/ });

  const row = reviewPage.messages().filter({ hasText: 'All clear' });
  const position = Number(await row.getAttribute('data-position'));
  await expect(reviewPage.codes(position)).toHaveText('Disclose');

  // No redaction in the case yet: no reason is preselected, and Redact waits for one.
  await redact.dragAcross(position, HIDDEN);
  await expect(redact.popover).toBeVisible();
  const submit = redact.popover.getByRole('button', { name: 'Redact', exact: true });
  await expect(redact.popover.getByRole('radio', { checked: true })).toHaveCount(0);
  await expect(submit).toBeDisabled();
  await saveScreen(page, 'redact-undo-no-reason');
  // By keyboard: into the picker, then arrows choose (Irrelevant and sensitive → Personal data (third party)).
  await redact.popover.getByRole('radio').first().focus();
  await expect(redact.popover.getByRole('radio', { checked: true })).toHaveCount(0);
  // Held as a person holds a key: Radix checks the radio an arrow focuses only while the key is down.
  await page.keyboard.press('ArrowDown', { delay: 80 });
  await expect(redact.popover.getByRole('radio', { name: REASON })).toBeChecked();
  await expect(submit).toBeEnabled();
  await page.keyboard.press('Enter');
  await expect(redact.popover).toBeHidden();
  await redact.expectBox(position, REASON);
  await expect(reviewPage.codes(position)).toHaveText('Disclose with redactions');
  await expect(undoButton).toContainText(`redaction '${REASON}' on 1 message`);

  // Ctrl+Z takes the redaction back: the box goes, the outcome returns to Disclose.
  await reviewPage.messageAt(position).focus();
  await page.keyboard.press('Control+z');
  await expect(redact.boxes(position)).toHaveCount(0);
  await expect(redact.body(position)).toContainText(HIDDEN);
  await expect(reviewPage.codes(position)).toHaveText('Disclose');
  await expect(redoButton).toContainText(`redaction '${REASON}' on 1 message`);
  await expect(reviewPage.announcer).toContainText(`Undone: redaction '${REASON}' on 1 message.`);
  await saveScreen(page, 'redact-undone');

  // Ctrl+Shift+Z brings it back.
  await page.keyboard.press('Control+Shift+z');
  await redact.expectBox(position, REASON);
  await expect(redact.body(position)).not.toContainText('home tomorrow');
  await expect(reviewPage.codes(position)).toHaveText('Disclose with redactions');

  // The next redaction starts on the reason used last in this case (H: withhold the current message).
  await reviewPage.messages().filter({ hasText: 'How did the scan go?' }).click();
  await page.keyboard.press('h');
  await expect(redact.popover).toContainText('Withhold the whole message from the bundle');
  await expect(redact.popover.getByRole('radio', { name: REASON })).toBeChecked();
  await expect(redact.popover.getByRole('button', { name: 'Withhold', exact: true })).toBeEnabled();
  await page.setViewportSize({ width: 1024, height: 640 });
  await saveScreen(page, 'redact-undo-last-reason-narrow');
  await page.keyboard.press('Escape');

  // The Redaction screen shares the stack: its undo bar names the redaction, and Ctrl+Z takes it back there too.
  await caseFrame.goTo('Redaction');
  const redactionUndo = caseFrame.main.getByRole('group', { name: 'Undo and redo' });
  await expect(redactionUndo.getByRole('button', { name: /^Undo/ })).toContainText(`redaction '${REASON}' on 1 message`);
  await page.keyboard.press('Control+z');
  await expect(redactionUndo.getByRole('button', { name: /^Redo/ })).toContainText(`redaction '${REASON}' on 1 message`);
  await expect(caseFrame.main.locator('.redaction-screen > [role="status"]')).toHaveText(`Undone: redaction '${REASON}' on 1 message.`);
  await saveScreen(page, 'redaction-screen-undone-narrow');
});
