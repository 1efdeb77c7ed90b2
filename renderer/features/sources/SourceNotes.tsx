import { useState } from 'react';
import type { SourceNoteKind } from '../../../common/domain/model';
import type { ResultOf, SourceInfo } from '../../../common/contract';
import { desk, errorMessage } from '../../api';
import { useLoaded } from '../../app/useLoaded';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatCount, formatLocator, plural } from '../../format';

type Note = ResultOf<'sources.notes'>['notes'][number];

const PAGE = 200;

/** In the order a reviewer needs them: what may be wrong, what was assumed, what was mended. */
const GROUPS: readonly { readonly kind: SourceNoteKind; readonly title: string; readonly explains: string }[] = [
  { kind: 'warning', title: 'Warnings', explains: 'Things in the export that may affect how its messages are read.' },
  { kind: 'assumption', title: 'Assumptions', explains: 'Choices the import made where the export was silent.' },
  {
    kind: 'repair',
    title: 'Repairs',
    explains: 'Damage in the export that was mended so it could be read; the original bytes are unchanged.',
  },
];

/** The source's warnings, assumptions and repairs, each with where in the export it arose. */
export function SourceNotes({ source }: { readonly source: SourceInfo }) {
  const first = useLoaded(() => desk().sourceNotes({ sourceId: source.id, limit: PAGE }), String(source.id));
  const [more, setMore] = useState<{ readonly sourceId: number; readonly notes: readonly Note[] }>({ sourceId: source.id, notes: [] });
  const [moreError, setMoreError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  if (first.status === 'loading') return <p className="source-notes__status">Reading the notes…</p>;
  if (first.status === 'failed') return <ErrorAlert title="The notes could not be read" message={first.message} />;

  const extra = more.sourceId === source.id ? more.notes : [];
  const notes = [...first.value.notes, ...extra];
  const total = first.value.total;

  const loadMore = async (): Promise<void> => {
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await desk().sourceNotes({ sourceId: source.id, limit: PAGE, offset: notes.length });
      setMore({ sourceId: source.id, notes: [...extra, ...page.notes] });
    } catch (err) {
      setMoreError(errorMessage(err));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <section className="source-notes" aria-labelledby="source-notes-title">
      <h4 id="source-notes-title" className="source-notes__title">
        Notes from the import
      </h4>
      {total === 0 && <p className="source-notes__status">The import noted nothing: no warnings, assumptions or repairs.</p>}
      {GROUPS.map((group) => {
        const inGroup = notes.filter((note) => note.kind === group.kind);
        const count = countOf(source, group.kind);
        if (count === 0) return null;
        const headingId = `source-notes-${group.kind}`;
        return (
          <section key={group.kind} className={`source-notes__group source-notes__group--${group.kind}`} aria-labelledby={headingId}>
            <h5 id={headingId} className="source-notes__group-title">
              {group.title} ({count})
            </h5>
            <p className="source-notes__explains">{group.explains}</p>
            <ul className="source-notes__list">
              {inGroup.map((note, index) => (
                <li key={index} className="source-notes__note">
                  <span className="source-notes__message">{note.message}</span>
                  <span className="source-notes__where mono">{note.locator ? formatLocator(note.locator) : 'Whole file'}</span>
                </li>
              ))}
            </ul>
            {inGroup.length < count && (
              <p className="source-notes__explains">
                {plural(count - inGroup.length, 'more note')} of this kind — use “Show more notes” below.
              </p>
            )}
          </section>
        );
      })}
      <ErrorAlert title="More notes could not be read" message={moreError} />
      {notes.length < total && (
        <Button small onClick={() => void loadMore()} disabled={loadingMore}>
          {loadingMore ? 'Reading…' : `Show ${formatCount(total - notes.length)} more notes`}
        </Button>
      )}
    </section>
  );
}

function countOf(source: SourceInfo, kind: SourceNoteKind): number {
  if (kind === 'warning') return source.warnings;
  if (kind === 'assumption') return source.assumptions;
  return source.repairs;
}
