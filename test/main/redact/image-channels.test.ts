import { chmodSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { closeCase } from '../../../main/cases/service';
import { createDispatch } from '../../../main/dispatch';
import { createHandlers, type HandlerSet } from '../../../main/handlers';
import type { Envelope } from '../../../common/contract';
import type { ImageRedaction } from '../../../common/domain/image-regions';
import { testHost } from '../../helpers/host';
import { useTempDir } from '../../helpers/temp';
import { imageCase } from './image-case';

const RECT = { x: 0.1, y: 0.2, w: 0.3, h: 0.4 };

describe('the image redaction channels', () => {
  const tempDir = useTempDir('dd-image-channels-');
  const sets: HandlerSet[] = [];
  afterEach(() => sets.splice(0).forEach((s) => s.dispose()));

  const opened = async () => {
    const dir = tempDir();
    const c = await imageCase(dir);
    closeCase(c.session);
    const set = createHandlers(testHost(dir));
    sets.push(set);
    const dispatch = createDispatch(set.handlers);
    return { ...c, dir, dispatch, open: () => dispatch('case.open', { path: c.session.path }) };
  };

  it('add → list → supersede → list with history, undone and redone with review.undo / review.redo', async () => {
    const { dispatch, open, photo } = await opened();
    expect((await open()).ok).toBe(true);
    const added = (await dispatch('imageRedactions.add', { attachmentId: photo, rect: RECT, reasonCode: 'article-8' })) as Envelope<{
      redaction: ImageRedaction;
    }>;
    expect(added).toMatchObject({ ok: true, value: { redaction: { attachmentId: photo, rect: RECT, note: '' }, replaced: null } });
    const id = added.ok ? added.value.redaction.id : 0;
    expect(await dispatch('imageRedactions.list', { attachmentId: photo })).toMatchObject({
      ok: true,
      value: [{ id, label: 'Article 8: private and family life' }],
    });
    expect(await dispatch('review.undoState', {})).toMatchObject({
      ok: true,
      value: { undo: { summary: "redaction 'Article 8: private and family life' of an area of an image" } },
    });
    expect(await dispatch('imageRedactions.supersede', { id, note: '  the face is the custodian’s own  ' })).toEqual({
      ok: true,
      value: { removed: id },
    });
    expect(await dispatch('imageRedactions.list', { attachmentId: photo })).toEqual({ ok: true, value: [] });
    expect(await dispatch('imageRedactions.list', { attachmentId: photo, includeRemoved: true })).toMatchObject({
      ok: true,
      value: [{ id, removalNote: 'the face is the custodian’s own', removedBy: expect.any(String) }],
    });
    expect(await dispatch('review.undo', {})).toMatchObject({ ok: true, value: { changed: 1 } });
    expect(await dispatch('imageRedactions.list', { attachmentId: photo })).toMatchObject({ ok: true, value: [{ rect: RECT }] });
    expect(await dispatch('review.redo', {})).toMatchObject({ ok: true, value: { changed: 1 } });
    expect(await dispatch('imageRedactions.list', { attachmentId: photo })).toEqual({ ok: true, value: [] });
  });

  it('validates at the boundary and passes the service’s refusals through by name', async () => {
    const { dispatch, open, photo, pdf, lost } = await opened();
    await open();
    const add = (args: Record<string, unknown>) =>
      dispatch('imageRedactions.add', { attachmentId: photo, rect: RECT, reasonCode: 'lpp', ...args });
    const refusal = async (args: Record<string, unknown>) => {
      const result = await add(args);
      return result.ok ? 'accepted' : `${result.error.name}: ${result.error.message}`;
    };
    expect(await refusal({ rect: { x: 0.8, y: 0, w: 0.3, h: 0.1 } })).toMatch(/within the image/);
    expect(await refusal({ rect: { x: 0, y: 0, w: 0.001, h: 0.1 } })).toMatch(/at least 0.2%/);
    expect(await refusal({ rect: { x: 0, y: 0, w: 0.1 } })).not.toBe('accepted');
    expect(await refusal({ rect: { ...RECT, z: 1 } })).not.toBe('accepted');
    expect(await refusal({ reasonCode: 'Not A Code' })).toMatch(/lower-case letters/);
    expect(await refusal({ reasonCode: 'no-such-code' })).toMatch(/^UnknownReasonCodeError: "no-such-code" is not a reason code/);
    expect(await refusal({ attachmentId: pdf })).toMatch(/^NotAnImageError: 00000013-notes\.pdf is PDF content, not an image/);
    expect(await refusal({ attachmentId: lost })).toMatch(/^AttachmentNotKeptError: 00000015-PHOTO-lost\.jpg is not in the case/);
    expect(await refusal({ attachmentId: 0 })).not.toBe('accepted');
    expect(await dispatch('imageRedactions.supersede', { id: 1, note: '   ' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/say why the region no longer applies/) },
    });
    expect(await dispatch('imageRedactions.supersede', { id: 77, note: 'why' })).toMatchObject({
      ok: false,
      error: { name: 'ImageRedactionNotFoundError' },
    });
    expect(await dispatch('imageRedactions.list', { attachmentId: 999 })).toMatchObject({
      ok: false,
      error: { name: 'AttachmentNotFoundError' },
    });
    expect(await dispatch('imageRedactions.list', { attachmentId: photo })).toEqual({ ok: true, value: [] });
  });

  it('a case opened read-only lists regions and refuses new ones', async () => {
    const { dispatch, open, session, photo } = await opened();
    chmodSync(session.path, 0o444);
    await open();
    expect(await dispatch('imageRedactions.add', { attachmentId: photo, rect: RECT, reasonCode: 'lpp' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/read-only.*image redactions cannot be added/) },
    });
    expect(await dispatch('imageRedactions.list', { attachmentId: photo })).toEqual({ ok: true, value: [] });
  });
});
