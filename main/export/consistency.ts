/**
 * What an export is about to produce, checked before anything is drawn (docs/spec.md §12): the plan, its
 * references, and the consistency report — produced items classified personal or not relevant,
 * flagged by the custodian and not resolved, or engaged under Article 8 with no assessment. The
 * Bundles screen, the CLI and the export itself all ask this one function, so the list the reviewer
 * acknowledges is the list the export checks.
 *
 * The acknowledgement names the report by its fingerprint (a hash of which items, under which
 * references, for which reasons): if the case changes between seeing the list and exporting, the
 * fingerprint no longer matches and the export refuses rather than produce an unseen item.
 */
import { createHash } from 'node:crypto';
import type { ReadableDB } from '../../db/connection';
import type { CaseMetaRow } from '../../db/queries/case-meta';
import { warningCandidates } from '../../db/queries/consistency';
import { bodiesOf } from '../../db/queries/export';
import { canonicalJson } from '../../common/domain/canonical-json';
import { CONSISTENCY_WARNING_LABELS, type ConsistencyWarningKind } from '../../common/domain/model';
import { applyRedactions, applyRedactionsToPieces } from '../../common/domain/redaction';
import { printedLabelText } from '../redact/printed-labels';
import { bodyPieces, type LongBodies } from './long-body';
import { resolveNumbering, type Numbering } from './numbering';
import { referenceSequence } from './references';
import type { ExportSettings } from './run';
import { documentTitle, planDocuments, scopeContext, type ScopeContext, type ScopePlan } from './scope';

const SNIPPET_LENGTH = 120;

export interface ConsistencyWarning {
  readonly messageId: number;
  readonly conversationId: number;
  readonly position: number;
  /** The reference the item would be produced under. */
  readonly reference: string;
  readonly conversation: string;
  /** The message as it would be printed (redactions shown as [redacted]), cut short. */
  readonly snippet: string;
  readonly kinds: readonly ConsistencyWarningKind[];
  /** The custodian's reason, when an open flag is among the kinds. */
  readonly flagReason: string | null;
}

export interface ConsistencyReport {
  readonly warnings: readonly ConsistencyWarning[];
  /** SHA-256 of which items, under which references, for which reasons. */
  readonly fingerprint: string;
}

export interface ExportCheck {
  readonly ctx: ScopeContext;
  readonly plan: ScopePlan;
  readonly numbering: Numbering;
  readonly references: readonly string[];
  readonly report: ConsistencyReport;
}

export type CheckSettings = Omit<ExportSettings, 'outputDir' | 'xlsx'>;

export class UnacknowledgedWarningsError extends Error {
  constructor(readonly report: ConsistencyReport) {
    super(
      `${report.warnings.length} item${report.warnings.length === 1 ? '' : 's'} about to be produced need${report.warnings.length === 1 ? 's' : ''} a second look; nothing was written. Review them, or acknowledge the list to export them anyway (--accept-warnings):\n${describeWarnings(report.warnings)}`,
    );
    this.name = 'UnacknowledgedWarningsError';
  }
}

export class StaleAcknowledgementError extends Error {
  constructor() {
    super(
      'The items needing a second look changed after they were acknowledged: look at the list again and acknowledge it (nothing was written).',
    );
    this.name = 'StaleAcknowledgementError';
  }
}

export const fingerprintOf = (warnings: readonly Pick<ConsistencyWarning, 'messageId' | 'reference' | 'kinds'>[]): string =>
  createHash('sha256')
    .update(canonicalJson(warnings.map((w) => [w.messageId, w.reference, [...w.kinds]])))
    .digest('hex');

/** One line per item: reference, reasons, message id and snippet. */
export function describeWarnings(warnings: readonly ConsistencyWarning[]): string {
  return warnings
    .map((w) => {
      const why = w.kinds
        .map((k) =>
          k === 'custodian_flag' && w.flagReason ? `${CONSISTENCY_WARNING_LABELS[k]} ("${w.flagReason}")` : CONSISTENCY_WARNING_LABELS[k],
        )
        .join('; ');
      return `  ${w.reference}  message #${w.messageId} in ${w.conversation}: ${why} — ${w.snippet}`;
    })
    .join('\n');
}

function snippetOf(ctx: ScopeContext, id: number, body: string | null): string {
  const redactions = ctx.redactions.get(id) ?? [];
  const labelOf = (code: string): string => ctx.labels.get(code) ?? code;
  // A long body is read in pieces, only as far as the snippet needs.
  const text =
    body === null
      ? applyRedactionsToPieces(() => bodyPieces(ctx.db, id, ctx.longBodies.pieceChars), redactions, labelOf)
      : applyRedactions(body, redactions, labelOf);
  let shown = '';
  if (text.kind === 'whole') shown = '[withheld]';
  else {
    for (const s of text.segments) {
      shown += s.kind === 'text' ? s.text.slice(0, 4 * SNIPPET_LENGTH) : '[redacted]';
      if (shown.length > 4 * SNIPPET_LENGTH) break;
    }
  }
  const flat = shown.replace(/\s+/gu, ' ').trim();
  return flat.length > SNIPPET_LENGTH ? `${flat.slice(0, SNIPPET_LENGTH - 1)}…` : flat;
}

export function checkExport(db: ReadableDB, meta: CaseMetaRow, settings: CheckSettings, longBodies?: LongBodies): ExportCheck {
  const ctx = scopeContext(db, settings.scope, meta.defaultTimeZone, longBodies);
  const candidates = warningCandidates(db, [...ctx.outcomes]);
  const plan = planDocuments(ctx, settings.unit, new Set(candidates.map((c) => c.id)));
  const numbering = resolveNumbering(
    db,
    {
      prefix: settings.prefix,
      firstNumber: settings.firstNumber,
      width: settings.width,
      draft: settings.draft,
      includePending: settings.scope.includePending,
      reissue: settings.reissue,
    },
    plan.documents.length,
  );
  const next = referenceSequence(numbering.printedPrefix, numbering.firstNumber, numbering.width);
  const references = plan.documents.map(() => next());
  const produced = candidates.filter((c) => plan.watched.has(c.id));
  const bodies = new Map(
    bodiesOf(
      db,
      produced.map((c) => c.id),
    ).map((m) => [m.id, m.body]),
  );
  const warnings: ConsistencyWarning[] = produced
    .map((c) => {
      const doc = plan.watched.get(c.id) as number;
      const kinds: ConsistencyWarningKind[] = [];
      if (c.classification === 'personal') kinds.push('personal');
      if (c.relevance === 'not_relevant') kinds.push('not_relevant');
      if (c.openFlag !== null) kinds.push('custodian_flag');
      if (c.article8Unassessed) kinds.push('article8_unassessed');
      const plannedDoc = plan.documents[doc];
      return {
        messageId: c.id,
        conversationId: c.conversationId,
        position: c.position,
        reference: references[doc] as string,
        conversation: plannedDoc ? printedLabelText(documentTitle(ctx, plannedDoc)) : '',
        snippet: snippetOf(ctx, c.id, bodies.has(c.id) ? (bodies.get(c.id) ?? null) : ''),
        kinds,
        flagReason: c.openFlag,
      };
    })
    .sort((a, b) => a.reference.localeCompare(b.reference) || a.position - b.position || a.messageId - b.messageId);
  return { ctx, plan, numbering, references, report: { warnings, fingerprint: fingerprintOf(warnings) } };
}
