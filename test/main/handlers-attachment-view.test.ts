import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../common/contract';
import { closeCase } from '../../main/cases/service';
import { createDispatch } from '../../main/dispatch';
import { createHandlers, type HandlerSet } from '../../main/handlers';
import { importSource } from '../../main/import/run';
import { makeCase } from '../helpers/case';
import { testHost } from '../helpers/host';
import { useTempDir } from '../helpers/temp';
import { PHOTO_GPS, photoChat } from '../support/photo-chat';

describe('attachments.view behind the dispatch', () => {
  const tempDir = useTempDir();
  const sets: HandlerSet[] = [];
  afterEach(() => sets.splice(0).forEach((s) => s.dispose()));

  async function withCase() {
    const dir = tempDir();
    const zip = join(dir, 'photos.zip');
    writeFileSync(zip, (await photoChat()).zip);
    const session = makeCase(dir);
    await importSource(session.writable!, { path: zip, custodian: 'Fiona Laird', timeZone: 'Europe/London' }, { actor: 'test-reviewer' });
    const id = session.db.prepare('SELECT id FROM attachments WHERE file_name = ?').pluck().get(PHOTO_GPS) as number;
    closeCase(session);
    const set = createHandlers(testHost(dir));
    sets.push(set);
    return { dispatch: createDispatch(set.handlers), path: session.path, id };
  }

  it('shows an attachment of the open case, its picture and its GPS flag', async () => {
    const { dispatch, path, id } = await withCase();
    expect((await dispatch('case.open', { path })).ok).toBe(true);
    const result = (await dispatch('attachments.view', { attachmentId: id })) as Envelope<{
      record: { fileName: string };
      rendition: { state: string };
      media: { personalData: string[] };
    }>;
    expect(result.ok && result.value).toMatchObject({
      record: { fileName: PHOTO_GPS },
      rendition: { state: 'image' },
      media: { personalData: ['gps-position'] },
    });
  });

  it.each([
    [{}, /attachmentId/],
    [{ attachmentId: '1' }, /attachmentId/],
    [{ attachmentId: 0 }, /attachmentId/],
    [{ attachmentId: 1.5 }, /attachmentId/],
    [{ attachmentId: 1, full: true }, /full/],
  ])('refuses %j before the handler runs', async (args, field) => {
    const { dispatch, path } = await withCase();
    await dispatch('case.open', { path });
    const result = await dispatch('attachments.view', args);
    expect(result).toMatchObject({ ok: false, error: { name: 'InvalidPayloadError', message: expect.stringMatching(field) } });
  });

  it('says plainly when no case is open, or the case has no such attachment', async () => {
    const { dispatch, path } = await withCase();
    expect(await dispatch('attachments.view', { attachmentId: 1 })).toMatchObject({ ok: false, error: { name: 'NoCaseOpenError' } });
    await dispatch('case.open', { path });
    expect(await dispatch('attachments.view', { attachmentId: 9999 })).toEqual({
      ok: false,
      error: {
        name: 'AttachmentNotFoundError',
        message: 'The case has no attachment #9999. Reload the conversation and pick the attachment again.',
      },
    });
  });
});
