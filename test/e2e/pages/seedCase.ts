/**
 * A case with messages, made through the handlers the renderer calls (case.create, import.start) rather
 * than by clicking through the start and Sources screens: for tests about what comes after an import.
 * The import UI itself is covered by import.spec.ts, and `caseWithMessages` still drives it for tests
 * that want the whole journey.
 */
import type { Desk, Workspace } from '../fixtures';
import type { ArgsInputOf, ResultOf } from '../../../common/contract';
import type { CaseFramePage } from './CaseFramePage';
import { EXPORTS } from './caseWithMessages';

type Export = (typeof EXPORTS)[keyof typeof EXPORTS];

/** What seeding imports: one of the shared EXPORTS, or an export a test wrote for itself. */
export interface SeedSource {
  readonly path: string;
  readonly custodian: string;
}

export interface CaseSeed {
  readonly name: string;
  /**
   * Case details other than the name, as the new-case form takes them; the inquiry and request
   * reference default to the Covid-19 inquiry's.
   */
  readonly details?: Omit<ArgsInputOf<'case.create'>, 'name' | 'path'>;
  readonly exports: readonly SeedSource[];
  /** The case file's name in the test's case folder; `<name>.ddcase` when absent. */
  readonly fileName?: string;
}

export class SeedImportError extends Error {
  constructor(path: string, reason: string) {
    super(`Seeding the case failed: importing ${path} ${reason}. Run import.spec.ts to see the import fail in the UI.`);
    this.name = 'SeedImportError';
  }
}

/** Creates the case (it becomes the open case) and imports each export into it, one after another. */
export async function seedCase(desk: Desk, workspace: Workspace, seed: CaseSeed): Promise<ResultOf<'case.create'>> {
  const info = await desk.call('case.create', {
    name: seed.name,
    inquiry: 'UK Covid-19 Inquiry',
    requestReference: 'M2/R9/044',
    ...seed.details,
    path: workspace.casePath(seed.fileName ?? `${seed.name}.ddcase`),
  });
  for (const source of seed.exports) {
    const { jobId } = await desk.call('import.start', { path: source.path, custodian: source.custodian });
    const job = await desk.jobFinished(jobId);
    if (!job.ok) throw new SeedImportError(source.path, `failed: ${job.error.name}: ${job.error.message}`);
  }
  return info;
}

export { EXPORTS };

/** Where `seedRedaction` put its redaction. */
export interface SeededRedaction {
  readonly conversationId: number;
  readonly messageId: number;
}

/**
 * Discloses the first message of the open case whose text contains `message` and redacts `text` in it
 * for `reasonCode`, as a reviewer pressing D and dragging across the words would.
 */
export async function seedRedaction(
  desk: Desk,
  seed: { readonly message: string; readonly text: string; readonly reasonCode: string },
): Promise<SeededRedaction> {
  for (const conversation of await desk.call('conversations.list', {})) {
    for (let from = 0; ; from += 500) {
      const window = await desk.call('messages.window', { conversationId: conversation.id, from, count: 500 });
      const found = window.messages.find((message) => message.body.includes(seed.message));
      if (found) {
        const start = found.body.indexOf(seed.text);
        if (start < 0) throw new Error(`"${seed.text}" is not in the message "${found.body}"; pick text from that message.`);
        await desk.call('review.decide', { selector: { kind: 'ids', ids: [found.id] }, change: { outcome: 'disclose' } });
        await desk.call('redactions.add', {
          kind: 'span',
          messageId: found.id,
          start,
          end: start + seed.text.length,
          reasonCode: seed.reasonCode,
        });
        return { conversationId: conversation.id, messageId: found.id };
      }
      if (from + 500 >= window.total) break;
    }
  }
  throw new Error(`No message of the case contains "${seed.message}"; seed one that does.`);
}

/**
 * `caseWithMessages` without the clicks: seeds the case through the handlers, then reloads the app,
 * which opens on the case the handlers hold. For a test that already has the app open; a test that
 * can say so up front uses the `caseSeed` option instead and saves the reload.
 */
export async function openSeededCase(
  pages: { readonly desk: Desk; readonly workspace: Workspace; readonly caseFrame: CaseFramePage },
  name: string,
  exports: readonly Export[],
): Promise<void> {
  await seedCase(pages.desk, pages.workspace, { name, exports });
  await pages.caseFrame.page.reload();
  await pages.caseFrame.expectCase(name);
}
