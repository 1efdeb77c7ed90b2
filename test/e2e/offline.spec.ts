/**
 * Offline proof (issue 6): one full session — create, import, search, review, redact, export — with
 * every request the page makes recorded, from Playwright's request events and the shell's log of
 * blocked requests. Every one must be for the app's own origin, which the shell serves from the
 * built files without any network.
 */
import { SHELL_ORIGIN, isAppUrl } from '../../main/security/policy';
import { expect, test } from './fixtures';
import { BundlesPage } from './pages/BundlesPage';
import { caseWithMessages, EXPORTS } from './pages/caseWithMessages';
import { RedactInPlace } from './pages/RedactInPlace';
import { SearchPage } from './pages/SearchPage';

test('a full session makes no request beyond the app’s own origin', async ({
  startPage,
  caseFrame,
  sourcesPage,
  reviewPage,
  shell,
  workspace,
}) => {
  // The whole journey through the UI on purpose (create, import, search, review, redact, export and
  // verify a bundle): every screen's requests are what is under test, so no step can be seeded.
  test.setTimeout(60_000);
  const page = shell.page;
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  // Workers and service workers would make requests of their own, outside the page's events.
  page.context().on('serviceworker', (worker) => requests.push(`service worker: ${worker.url()}`));
  page.on('worker', (worker) => requests.push(`worker: ${worker.url()}`));
  await page.reload();

  await caseWithMessages({ startPage, caseFrame, sourcesPage }, 'Offline session', [EXPORTS.fionaIos]);

  const search = new SearchPage(page);
  await caseFrame.goTo('Search');
  await search.search('hospitality');
  await expect(search.hits().first()).toBeVisible();

  await caseFrame.goTo('Review');
  const row = reviewPage.messages().filter({ hasText: 'All clear' });
  const position = Number(await row.getAttribute('data-position'));
  await row.click();
  await page.keyboard.press('d');
  await expect(reviewPage.codes(position)).toHaveText('Disclose');

  const redact = new RedactInPlace(page, reviewPage);
  await redact.dragAcross(position, 'home tomorrow');
  await redact.chooseReason('Article 8');
  await redact.popover.getByRole('button', { name: 'Redact', exact: true }).click();
  await redact.expectBox(position, 'Article 8: private and family life');

  const bundles = new BundlesPage(page);
  await caseFrame.goTo('Bundles');
  await bundles.setOutputFolder(`${workspace.caseFolder}/offline-bundle`);
  // An Article 8 redaction without an assessment is on the list to check first, until it is accepted.
  await expect(bundles.toCheck).toContainText('Article 8 engaged, no assessment');
  await bundles.acknowledge.check();
  await bundles.exportAndWait();
  await expect(bundles.outcome.getByRole('heading')).toHaveText('Bundle exported and verified');

  // The session did load the app (so the recording worked), and nothing else.
  expect(requests.length).toBeGreaterThan(0);
  const elsewhere = requests.filter((url) => !isAppUrl(url, SHELL_ORIGIN));
  expect(elsewhere, 'requests beyond the app’s own origin').toEqual([]);
  expect(shell.blockedRequests, 'requests the shell blocked').toEqual([]);
});
