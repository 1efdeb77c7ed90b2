import type { ReactNode } from 'react';
import type { SourceInfo } from '../../../common/contract';
import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { Panel } from '../../components/Panel';
import { formatBytes, formatCount, formatDateTimeIn, plural } from '../../format';
import { describeDateOrder } from './formats';
import { SourceNotes } from './SourceNotes';

interface SourceDetailsProps {
  readonly source: SourceInfo;
  readonly caseTimeZone: string;
  readonly onViewConversations: (sourceId: number) => void;
}

/** What the import recorded about one source: where it came from, how it was read, what was noted. */
export function SourceDetails({ source, caseTimeZone, onViewConversations }: SourceDetailsProps) {
  const producer = source.producer ? [source.producer, source.producerVersion].filter(Boolean).join(' ') : 'Not stated in the export';
  return (
    <Panel id="source-details-title" title={`Source details — ${source.fileName}`} className="source-details">
      <div className="source-details__actions">
        <Button variant="primary" onClick={() => onViewConversations(source.id)}>
          View conversations ({formatCount(source.conversations)})
        </Button>
      </div>
      <div className="source-details__columns">
        <dl className="details">
          <Row label="Custodian">{source.custodian}</Row>
          <Row label="Device">{source.deviceLabel || 'Not recorded'}</Row>
          <Row label="File name">{source.fileName}</Row>
          <Row label="Full path" mono>
            {source.filePath}
          </Row>
          <Row label="Size">
            {formatBytes(source.fileSize)} ({plural(source.fileSize, 'byte')})
          </Row>
          <div className="details__row">
            <dt className="details__label">SHA-256</dt>
            <dd className="details__value source-details__hash">
              <span className="mono source-details__hash-value">{source.sha256}</span>
              <CopyButton text={source.sha256} what="SHA-256" />
            </dd>
          </div>
        </dl>
        <dl className="details">
          <Row label="Format">{source.formatLabel}</Row>
          <Row label="Producer">{producer}</Row>
          <Row label="Parser version" mono>
            {source.parserVersion}
          </Row>
          <Row label="Time zone">{source.timeZone} — times the export gives without a zone were read in it</Row>
          <Row label="Date order">{describeDateOrder(source.dateOrder, source.dateOrderBasis)}</Row>
          <Row label="Imported">
            {formatDateTimeIn(source.importedAt, caseTimeZone)} by {source.importedBy}
          </Row>
          <Row label="Contents">
            {[
              plural(source.messages, 'message'),
              plural(source.conversations, 'conversation'),
              plural(source.participants, 'participant'),
              plural(source.attachments, 'attachment'),
            ].join(', ')}
          </Row>
        </dl>
      </div>
      <SourceNotes source={source} />
    </Panel>
  );
}

function Row({ label, mono = false, children }: { readonly label: string; readonly mono?: boolean; readonly children: ReactNode }) {
  return (
    <div className="details__row">
      <dt className="details__label">{label}</dt>
      <dd className={mono ? 'details__value mono' : 'details__value'}>{children}</dd>
    </div>
  );
}
