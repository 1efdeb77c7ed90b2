/** The export channels over main/export. */
import type { HandlerDeps, Handlers } from '../handlers';
import type { exportChannels } from '../../common/contract/channels/export';
import { bundleRow, listBundles } from '../../db/queries/export';
import { checkExport } from '../export/consistency';
import { exportJobs } from '../export/jobs';
import { outputById } from '../export/outputs';
import { previewExport } from '../export/preview';
import { toExportSettings } from '../export/settings';
import { verifyExport } from '../export/verify-export';

export function exportHandlers(deps: HandlerDeps): Pick<Handlers, keyof typeof exportChannels> {
  const jobs = exportJobs(deps.host.emit, deps.jobs);
  return {
    'export.preview': async ({ settings, pages }) => {
      const open = deps.current();
      const preview = previewExport(open.db, open.meta, toExportSettings({ ...settings, outputDir: '-' }, open.meta), pages);
      return { ...preview, pages: preview.pages.map((p) => ({ pieces: [...p.pieces] })) };
    },
    'export.check': async ({ settings }) => {
      const open = deps.current();
      const { plan, numbering, references, report } = checkExport(
        open.db,
        open.meta,
        toExportSettings({ ...settings, outputDir: '-' }, open.meta),
      );
      return {
        documents: plan.documents.length,
        produced: plan.produced,
        draft: numbering.draft,
        version: numbering.version,
        reissueOf: numbering.reissueOf,
        firstReference: references[0] ?? '',
        lastReference: references.at(-1) ?? '',
        warnings: report.warnings.map((w) => ({ ...w, kinds: [...w.kinds] })),
        fingerprint: report.fingerprint,
      };
    },
    'export.start': async ({ settings, acknowledged }) => {
      deps.writable('a bundle cannot be recorded in it');
      const open = deps.current();
      // An output no one registered is refused here, before a job starts.
      outputById(settings.output);
      return {
        jobId: jobs.start(open.path, {
          actor: deps.host.actor,
          appVersion: deps.host.appVersion,
          settings: toExportSettings(settings, open.meta),
          acknowledged,
        }),
      };
    },
    'export.cancel': async ({ jobId }) => {
      deps.jobs.cancel(jobId);
      return null;
    },
    'export.list': async () =>
      listBundles(deps.current().db).map((b) => ({
        ...b,
        draft: b.draft === 1,
        documentUnit: b.documentUnit === 'day' ? 'day' : 'conversation',
      })),
    'export.verify': async ({ dir }) => {
      const report = await verifyExport(deps.current().db, dir);
      return { ...report, problems: [...report.problems] };
    },
    'export.openFolder': async ({ bundleId }) => {
      const bundle = bundleRow(deps.current().db, bundleId);
      if (!bundle) throw new Error(`There is no bundle #${bundleId} in this case.`);
      if (!deps.host.desktop) throw new Error(`This window cannot open folders. The bundle is in ${bundle.outputDir}`);
      await deps.host.desktop.openFolder(bundle.outputDir);
      return null;
    },
    'export.interrupted': async () => deps.interruptedExports().map((r) => ({ ...r })),
    'dialog.chooseFolder': async ({ purpose }) => ({ path: await deps.host.dialogs.chooseFolder(purpose) }),
  };
}
