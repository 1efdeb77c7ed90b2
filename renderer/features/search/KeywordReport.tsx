import { useState, type FormEvent } from 'react';
import type { KeywordReport as Report } from '../../../common/domain/search';
import type { AppInfo } from '../../../common/contract';
import { desk, errorMessage } from '../../api';
import type { SearchFilters } from './filters';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { formatCount, plural } from '../../format';

interface KeywordReportProps {
  readonly app: AppInfo;
  /** The Search tab's filters also narrow the report. */
  readonly filters: SearchFilters;
  readonly filtered: boolean;
}

const termsOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** A request's keyword list: hits per term and in total, exportable as CSV (docs/spec.md §4). */
export function KeywordReport({ app, filters, filtered }: KeywordReportProps) {
  const [text, setText] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [csvPath, setCsvPath] = useState('');
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    try {
      setReport(await desk().keywordReport({ terms: termsOf(text), filters }));
      setError(null);
      setSaved('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const exportTo = async (path: string | null): Promise<void> => {
    if (!path) return;
    try {
      const result = await desk().exportKeywordReport({ terms: termsOf(text), filters, path });
      setSaved(`Saved ${plural(result.rows, 'row')} to ${result.path}.`);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const chooseAndExport = async (): Promise<void> => {
    const { path } = await desk().chooseSavePath({ suggestedName: 'keyword-hits.csv', kind: 'csv' });
    await exportTo(path);
  };

  return (
    <div className="keywords">
      <form className="keywords__form" aria-label="Keyword list" noValidate onSubmit={(event) => void run(event)}>
        <TextAreaField
          id="keyword-terms"
          label="Keyword list"
          hint={`One term per line, in the query syntax (words, "phrases", prefix*, fuzzy~).${filtered ? ' The filters on the Search tab apply.' : ''}`}
          rows={8}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <div className="coding__actions">
          <Button type="submit" variant="primary" disabled={busy || termsOf(text).length === 0}>
            {busy ? 'Running…' : 'Run report'}
          </Button>
        </div>
      </form>
      <ErrorAlert title="The report could not be made" message={error} />
      {report && (
        <section className="keywords__report" aria-labelledby="keyword-report-title">
          <h3 id="keyword-report-title" className="coding__title">
            Hit report
          </h3>
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">Hits per keyword</caption>
              <thead>
                <tr>
                  <th scope="col">Term</th>
                  <th scope="col" className="data-table__number">
                    Items
                  </th>
                  <th scope="col" className="data-table__number">
                    Conversations
                  </th>
                  <th scope="col" className="data-table__number">
                    Custodians
                  </th>
                  <th scope="col" className="data-table__number">
                    Unique items
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.terms.map((term) => (
                  <tr key={term.term}>
                    <th scope="row" className="mono">
                      {term.term}
                      {term.error && <span className="keywords__term-error"> — {term.error}</span>}
                    </th>
                    <td className="data-table__number">{formatCount(term.items)}</td>
                    <td className="data-table__number">{formatCount(term.conversations)}</td>
                    <td className="data-table__number">{formatCount(term.custodians)}</td>
                    <td className="data-table__number">{formatCount(term.uniqueItems)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total (each item once)</th>
                  <td className="data-table__number">{formatCount(report.total.items)}</td>
                  <td className="data-table__number">{formatCount(report.total.conversations)}</td>
                  <td className="data-table__number">{formatCount(report.total.custodians)}</td>
                  <td className="data-table__number" aria-label="not applicable">
                    —
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
          <div className="keywords__export">
            {app.nativeDialogs ? (
              <Button onClick={() => void chooseAndExport()}>Export CSV…</Button>
            ) : (
              <TextField
                id="keyword-csv-path"
                label="Save the report as CSV"
                mono
                placeholder="…/keyword-hits.csv"
                value={csvPath}
                onChange={(event) => setCsvPath(event.target.value)}
                action={
                  <Button onClick={() => void exportTo(csvPath.trim() || null)} disabled={csvPath.trim() === ''}>
                    Export CSV
                  </Button>
                }
              />
            )}
            <p role="status" className="pack-actions__status">
              {saved}
            </p>
          </div>
        </section>
      )}
    </div>
  );
}
