/**
 * The Chromium shell's event transport: an event that arrives while the page reloads (a job finishing
 * as the user presses F5) has no page to go to. The reloaded page reads the current state itself, so
 * the event is dropped; it must not fail the caller (CI saw a seeded import's event do exactly that).
 */
import { expect, test } from './fixtures';

test('an event sent while the page reloads is dropped, not thrown', async ({ shell }) => {
  const sent: Promise<void>[] = [];
  const reloaded = shell.page.reload();
  for (let i = 0; i < 40; i += 1) {
    sent.push(shell.emit('menu.command', { command: 'show-shortcuts' }));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await reloaded;
  const outcomes = await Promise.allSettled(sent);
  expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String(o.reason))).toEqual([]);
});
