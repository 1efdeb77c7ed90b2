import type { SourceFormat } from '../../../common/domain/model';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { withFullStop } from '../../format';
import { fileNameOf } from '../../fileName';
import { SOURCE_FORMAT_LABELS } from '../../../common/domain/model';
import type { QueuedPath } from './useImportQueue';

interface ImportQueueProps {
  readonly items: readonly QueuedPath[];
  readonly formatOverride: SourceFormat | null;
  readonly onRemove: (path: string) => void;
}

/** The chosen files, each with what main found it to be, before anything is imported. */
export function ImportQueue({ items, formatOverride, onRemove }: ImportQueueProps) {
  if (items.length === 0) return <p className="import-queue__empty">No files or folders chosen yet.</p>;
  const leftOut = formatOverride === null && items.some((item) => item.detection.status === 'problem');
  return (
    <>
      <ul className="import-queue" aria-label="Files to import">
        {items.map((item) => {
          const name = fileNameOf(item.path);
          return (
            <li key={item.path} className="import-queue__item">
              <div className="import-queue__file">
                <span className="import-queue__name">{name}</span>
                <span className="import-queue__path mono" title={item.path}>
                  {item.path}
                </span>
              </div>
              <div
                className={
                  isSentence(item, formatOverride) ? 'import-queue__detection import-queue__detection--sentence' : 'import-queue__detection'
                }
              >
                <DetectionText item={item} formatOverride={formatOverride} />
              </div>
              <Button small variant="quiet" aria-label={`Remove ${name} from the list`} onClick={() => onRemove(item.path)}>
                Remove
              </Button>
            </li>
          );
        })}
      </ul>
      {leftOut && (
        <p className="import-queue__note">
          Files that could not be recognised are left out. If you are sure what one is, choose its format under Advanced options.
        </p>
      )}
    </>
  );
}

/** Whether what is said about the file is a sentence rather than a short label. */
function isSentence(item: QueuedPath, formatOverride: SourceFormat | null): boolean {
  const { detection } = item;
  return (
    detection.status === 'problem' || (detection.status === 'recognised' && formatOverride !== null && formatOverride !== detection.format)
  );
}

function DetectionText({ item, formatOverride }: { readonly item: QueuedPath; readonly formatOverride: SourceFormat | null }) {
  const { detection } = item;
  const override = formatOverride && SOURCE_FORMAT_LABELS[formatOverride];
  if (detection.status === 'checking') return <span className="import-queue__checking">Checking the format…</span>;
  if (detection.status === 'recognised') {
    if (!override || formatOverride === detection.format) return <Badge tone="info">{detection.label}</Badge>;
    return (
      <span className="import-queue__override">
        Found to be {detection.label}; <strong>will be read as {override}</strong> as chosen under Advanced options.
      </span>
    );
  }
  return (
    <span className={override ? 'import-queue__problem import-queue__problem--overridden' : 'import-queue__problem'}>
      {withFullStop(detection.problem)}{' '}
      <strong>{override ? `Will be read as ${override}, as chosen under Advanced options.` : 'Left out of the import.'}</strong>
    </span>
  );
}
