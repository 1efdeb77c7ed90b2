import type { z } from 'zod';
import type { ExportResultSchema } from '../../../common/contract/channels/export';
import { useState } from 'react';
import { desk } from '../../api';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatBytes, formatCount, plural } from '../../format';
import { leftoversNote } from './leftovers';
import { VerificationFailures, type OpenFix } from './VerificationFailures';

type ExportResult = z.output<typeof ExportResultSchema>;
type Check = ExportResult['verification']['problems'][number]['check'];

const CHECKS: readonly { readonly check: Check; readonly label: string }[] = [
  { check: 'files', label: 'Files and their SHA-256 hashes match the manifest' },
  { check: 'pages', label: 'Page counts match the schedule' },
  { check: 'references', label: 'Item references match the schedule' },
  { check: 'schedule', label: 'The schedule lists every produced item' },
  { check: 'leak', label: 'No redacted text appears in the PDF' },
];

/** A finished export: what was written, each verification check passed or failed, and where. */
export function ExportOutcome({
  result,
  canOpenFolders,
  onOpen,
}: {
  readonly result: ExportResult;
  readonly canOpenFolders: boolean;
  readonly onOpen: OpenFix;
}) {
  const { verification } = result;
  const [openProblem, setOpenProblem] = useState<string | null>(null);
  const leftovers = leftoversNote(result.leftoversRemoved);
  const openFolder = (): void => {
    setOpenProblem(null);
    desk()
      .openBundleFolder({ bundleId: result.bundleId })
      .catch((err: unknown) => setOpenProblem(err instanceof Error ? err.message : String(err)));
  };
  return (
    <section className="export-outcome" aria-labelledby="export-outcome-title">
      <h3 id="export-outcome-title" className="panel__title">
        {verification.ok ? 'Bundle exported and verified' : 'Bundle exported — verification FAILED'}
      </h3>
      <p>
        {result.firstReference}–{result.lastReference}: {plural(result.documents, 'document')}, {plural(result.pages, 'page')},{' '}
        {plural(result.produced, 'message')} produced
        {result.withheld > 0 ? `, ${formatCount(result.withheld)} withheld` : ''}.
      </p>
      <ul className="verify-list" aria-label="Verification">
        {CHECKS.map(({ check, label }) => {
          const problems = verification.problems.filter((p) => p.check === check);
          const skipped = check === 'leak' && !verification.leakCheck;
          return (
            <li key={check} className={problems.length > 0 ? 'verify-list__failed' : undefined}>
              {problems.length > 0 ? (
                <Badge tone="warning">Failed</Badge>
              ) : skipped ? (
                <Badge tone="neutral">Not run</Badge>
              ) : (
                <Badge tone="success">Passed</Badge>
              )}{' '}
              {label}
              {check === 'leak' &&
                !skipped &&
                ` (${plural(verification.checkedStrings, 'redacted string')} checked${verification.tooShortToCheck ? `, ${formatCount(verification.tooShortToCheck)} too short to check` : ''})`}
              {check === 'leak' && problems.length > 0 ? (
                <VerificationFailures problems={problems} onOpen={onOpen} />
              ) : (
                problems.map((problem, index) => (
                  <p key={index} className="verify-list__problem">
                    {problem.message}
                  </p>
                ))
              )}
            </li>
          );
        })}
      </ul>
      <div className="export-outcome__folder">
        <span className="field__label">Output folder</span>
        <span className="mono export-outcome__path">{result.dir}</span>
        <CopyButton text={result.dir} what="folder path" />
        {canOpenFolders && <Button onClick={openFolder}>Open folder</Button>}
      </div>
      {openProblem && <ErrorAlert title="The folder could not be opened" message={openProblem} />}
      {leftovers && (
        <p className="export-outcome__note" role="note">
          {leftovers}
        </p>
      )}
      <ul className="export-outcome__files" aria-label="Files written">
        {result.files.map((file) => (
          <li key={file.name}>
            <span className="mono">{file.name}</span> · {formatBytes(file.bytes)} ·{' '}
            <span className="mono export-outcome__hash">SHA-256 {file.sha256.slice(0, 16)}…</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
