/**
 * Verification refuses a bundle whose image was not redacted: render.ts is replaced here by one that
 * ignores the regions (a defect planted in the renderer, not in the file afterwards), so the export
 * writes a consistent bundle whose only fault is the unredacted pixels, and verification must find them.
 */
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { exportBundle } from '../../../main/export/run';
import type * as Render from '../../../main/media/render';
import { BundleVerificationError } from '../../../main/export/verify';
import { useTempDir } from '../../helpers/temp';
import { mediaCase, PHOTO } from './media-case';
import { exportSettings } from './settings';

vi.mock('../../../main/media/render', async (importOriginal) => {
  const actual = await importOriginal<typeof Render>();
  return { ...actual, renderImage: (bytes: Uint8Array, options: object) => actual.renderImage(bytes, { ...options, regions: [] }) };
});

describe('a produced image whose region was not filled', () => {
  const tempDir = useTempDir('dd-planted-');

  it('refuses the export, naming the attachment and the region', async () => {
    const dir = tempDir();
    const mc = await mediaCase(dir);
    const error = await exportBundle(mc.session.writable!, mc.session.meta, exportSettings(join(dir, 'bundle')), {
      actor: 'test-reviewer',
      appVersion: '0.0.0-test',
      casePath: mc.session.path,
      acknowledged: 'as-listed',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleVerificationError);
    const problems = (error as BundleVerificationError).report.problems;
    expect(problems).toEqual([
      {
        check: 'images',
        message: expect.stringMatching(
          new RegExp(
            `^the image of ${PHOTO} \\(attachment #${mc.ids.photo}, INQ000000001\\) failed its check: region 1 is not uniform: 100% of its pixels differ from the fill$`,
            'u',
          ),
        ),
      },
    ]);
    expect((error as Error).message).toContain(PHOTO);
  });
});
