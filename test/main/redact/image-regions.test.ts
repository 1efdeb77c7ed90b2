import { afterEach, describe, expect, it } from 'vitest';
import { liveImageRegions } from '../../../db/queries/image-redactions';
import { AttachmentNotFoundError, AttachmentNotKeptError } from '../../../main/attachments/open';
import { verifyAudit } from '../../../main/audit/log';
import { closeCase, type CaseSession } from '../../../main/cases/service';
import {
  ImageRedactionAlreadyRemovedError,
  ImageRedactionNotFoundError,
  ImageRegionError,
  NotAnImageError,
  RedactionUndoConflictError,
  ReplacedImageRedactionMismatchError,
  UnknownReasonCodeError,
} from '../../../main/redact/errors';
import { addImageRedaction, listImageRedactions, supersedeImageRedaction } from '../../../main/redact/image-regions';
import { redo, undo, undoState } from '../../../main/review/undo';
import { useTempDir } from '../../helpers/temp';
import { imageCase } from './image-case';
import { auditOf, count } from './seed';

const RECT = { x: 0.1, y: 0.2, w: 0.3, h: 0.4 };
const ARTICLE_8 = 'Article 8: private and family life';

describe('image redactions', () => {
  const tempDir = useTempDir('dd-image-regions-');
  const open: CaseSession[] = [];
  afterEach(() => {
    for (const session of open.splice(0)) closeCase(session);
  });
  const setup = async () => {
    const c = await imageCase(tempDir());
    open.push(c.session);
    return c;
  };

  it('adds rectangles, replaces and supersedes them by marking, keeps the history, and audits rectangles and reasons', async () => {
    const { db, photo } = await setup();
    const first = addImageRedaction(db, { attachmentId: photo, rect: RECT, reasonCode: 'article-8', note: 'a face' }, 'alice', 1000);
    expect(first).toEqual({
      redaction: {
        id: expect.any(Number),
        attachmentId: photo,
        rect: RECT,
        reasonCode: 'article-8',
        label: ARTICLE_8,
        note: 'a face',
        createdAt: 1000,
        createdBy: 'alice',
        removedAt: null,
        removedBy: null,
        removalNote: null,
        supersededBy: null,
      },
      replaced: null,
    });
    const second = addImageRedaction(
      db,
      { attachmentId: photo, rect: { x: 0.5, y: 0.5, w: 0.5, h: 0.5 }, reasonCode: 'lpp', note: '' },
      'alice',
      1100,
    );
    expect(
      liveImageRegions(db, [photo])
        .get(photo)
        ?.map((r) => r.reason),
    ).toEqual([ARTICLE_8, 'Legal professional privilege']);

    const wider = addImageRedaction(
      db,
      { attachmentId: photo, rect: { ...RECT, w: 0.35 }, reasonCode: 'personal-third-party', note: '', replaces: first.redaction.id },
      'bob',
      1200,
    );
    expect(wider.replaced).toBe(first.redaction.id);
    supersedeImageRedaction(db, { id: second.redaction.id, note: 'privilege waived' }, 'bob', 1300);

    expect(listImageRedactions(db, { attachmentId: photo, includeRemoved: false }).map((r) => r.id)).toEqual([wider.redaction.id]);
    expect(listImageRedactions(db, { attachmentId: photo, includeRemoved: true })).toMatchObject([
      { id: first.redaction.id, removedAt: 1200, removedBy: 'bob', supersededBy: wider.redaction.id, removalNote: null },
      { id: second.redaction.id, removedAt: 1300, removedBy: 'bob', supersededBy: null, removalNote: 'privilege waived' },
      { id: wider.redaction.id, removedAt: null },
    ]);
    expect(() => supersedeImageRedaction(db, { id: second.redaction.id, note: 'again' }, 'bob')).toThrow(ImageRedactionAlreadyRemovedError);
    expect(() => supersedeImageRedaction(db, { id: 9999, note: 'x' }, 'bob')).toThrow(ImageRedactionNotFoundError);
    expect(() =>
      addImageRedaction(db, { attachmentId: photo, rect: RECT, reasonCode: 'lpp', note: '', replaces: second.redaction.id }, 'bob'),
    ).toThrow(ImageRedactionAlreadyRemovedError);

    const audit = auditOf(db).filter((a) => a.action.startsWith('image-redaction.'));
    expect(audit.map((a) => a.action)).toEqual([
      'image-redaction.added',
      'image-redaction.added',
      'image-redaction.added',
      'image-redaction.removed',
    ]);
    expect(audit[0]!.details).toEqual({
      imageRedactionId: first.redaction.id,
      rect: RECT,
      reasonCode: 'article-8',
      note: 'a face',
      replaced: null,
    });
    expect(audit[3]!.details).toEqual({ imageRedactionId: second.redaction.id, note: 'privilege waived' });
    expect(verifyAudit(db).ok).toBe(true);
    expect(undoState(db, 'bob').undo?.summary).toBe("removal of redaction 'Legal professional privilege' of an area of an image");
  });

  it('refuses, naming why and changing nothing: not an image (by content), not kept, not in the case, out of bounds, too small, unknown reason', async () => {
    const { db, photo, pdf, disguised, lost } = await setup();
    const add = (attachmentId: number, rect = RECT, reasonCode = 'article-8') =>
      addImageRedaction(db, { attachmentId, rect, reasonCode, note: '' }, 'alice');
    expect(() => add(pdf)).toThrow(NotAnImageError);
    expect(() => add(disguised)).toThrow(/00000014-PHOTO-scan\.jpg is PDF content, not an image/);
    expect(() => add(lost)).toThrow(AttachmentNotKeptError);
    expect(() => add(9999)).toThrow(AttachmentNotFoundError);
    expect(() => add(photo, { x: 0.8, y: 0, w: 0.3, h: 0.5 })).toThrow(ImageRegionError);
    expect(() => add(photo, { x: -0.01, y: 0, w: 0.3, h: 0.5 })).toThrow(/x and y must be at least 0/);
    expect(() => add(photo, { x: 0, y: 0, w: 0.3, h: 0 })).toThrow(/w and h must be more than 0/);
    expect(() => add(photo, { x: 0, y: 0, w: Number.NaN, h: 0.1 })).toThrow(/finite numbers/);
    expect(() => add(photo, { x: 0.5, y: 0.5, w: 0.001, h: 0.2 })).toThrow(/at least 0.2% of the image's .* stray click/);
    expect(() => add(photo, RECT, 'no-such-reason')).toThrow(UnknownReasonCodeError);
    expect(count(db, 'SELECT count(*) FROM image_redactions')).toBe(0);
    expect(auditOf(db).filter((a) => a.action.startsWith('image-redaction.'))).toEqual([]);

    // The type recognised at import, once recorded, is what counts.
    db.prepare("UPDATE attachments SET detected_mime = 'application/pdf' WHERE id = ?").run(photo);
    expect(() => add(photo)).toThrow(/recognised as application\/pdf, not an image/);
    db.prepare("UPDATE attachments SET detected_mime = 'image/png' WHERE id = ?").run(disguised);
    expect(add(disguised).redaction.attachmentId).toBe(disguised);

    const other = add(disguised);
    expect(() =>
      addImageRedaction(db, { attachmentId: pdf, rect: RECT, reasonCode: 'lpp', note: '', replaces: other.redaction.id }, 'alice'),
    ).toThrow(NotAnImageError);
    db.prepare('UPDATE attachments SET detected_mime = NULL WHERE id = ?').run(photo);
    expect(() =>
      addImageRedaction(db, { attachmentId: photo, rect: RECT, reasonCode: 'lpp', note: '', replaces: other.redaction.id }, 'alice'),
    ).toThrow(ReplacedImageRedactionMismatchError);
  });

  it('undo and redo reverse an addition, a replacement and a removal, never deleting a row', async () => {
    const { db, photo } = await setup();
    const live = () => (liveImageRegions(db, [photo]).get(photo) ?? []).map((r) => [r.rect, r.reason]);
    const added = addImageRedaction(db, { attachmentId: photo, rect: RECT, reasonCode: 'article-8', note: '' }, 'alice', 1000);
    expect(undo(db, 'alice', 1100)).toMatchObject({ changed: 1 });
    expect(live()).toEqual([]);
    expect(redo(db, 'alice', 1200)).toMatchObject({ changed: 1 });
    expect(live()).toEqual([[RECT, ARTICLE_8]]);
    const restored = listImageRedactions(db, { attachmentId: photo, includeRemoved: false })[0]!;
    expect(restored.id).not.toBe(added.redaction.id);

    const moved = { ...RECT, x: 0.2 };
    addImageRedaction(db, { attachmentId: photo, rect: moved, reasonCode: 'lpp', note: '', replaces: restored.id }, 'alice', 1300);
    expect(live()).toEqual([[moved, 'Legal professional privilege']]);
    undo(db, 'alice', 1400);
    expect(live()).toEqual([[RECT, ARTICLE_8]]);
    redo(db, 'alice', 1500);
    expect(live()).toEqual([[moved, 'Legal professional privilege']]);

    const current = listImageRedactions(db, { attachmentId: photo, includeRemoved: false })[0]!;
    supersedeImageRedaction(db, { id: current.id, note: 'not a face after all' }, 'alice', 1600);
    expect(live()).toEqual([]);
    undo(db, 'alice', 1700);
    expect(live()).toEqual([[moved, 'Legal professional privilege']]);
    redo(db, 'alice', 1800);
    expect(live()).toEqual([]);
    expect(count(db, 'SELECT count(*) FROM image_redactions')).toBe(6);
    expect(auditOf(db).filter((a) => a.action === 'redaction.undone' || a.action === 'redaction.redone')).toHaveLength(6);
    expect(verifyAudit(db).ok).toBe(true);
  });

  it('refuses to undo an addition someone has removed since, naming the image and who removed it', async () => {
    const { db, photo } = await setup();
    const added = addImageRedaction(db, { attachmentId: photo, rect: RECT, reasonCode: 'article-8', note: '' }, 'alice', 1000);
    supersedeImageRedaction(db, { id: added.redaction.id, note: 'disagree' }, 'bob', 1100);
    expect(() => undo(db, 'alice', 1200)).toThrow(RedactionUndoConflictError);
    expect(() => undo(db, 'alice', 1200)).toThrow(`redaction '${ARTICLE_8}' on image #${photo} was removed since by bob`);
    expect(count(db, 'SELECT count(*) FROM image_redactions')).toBe(1);
  });
});
