import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli';
import { closeCase } from '../../../main/cases/service';
import { useTempDir } from '../../helpers/temp';
import { imageCase } from '../redact/image-case';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...argv, '--reviewer', 'Liaison Team'], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const rows = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT id, attachment_id, x, y, w, h, reason_code, removed_at IS NOT NULL AS removed FROM image_redactions').all();
  } finally {
    db.close();
  }
};

describe('disclosure-desk redact-image', () => {
  const tempDir = useTempDir('dd-cli-image-');
  const closed = async () => {
    const c = await imageCase(tempDir());
    closeCase(c.session);
    return { path: c.session.path, photo: String(c.photo), pdf: String(c.pdf) };
  };

  it('adds a rectangle, lists it, replaces it, supersedes it saying why, and lists the history', async () => {
    const { path, photo } = await closed();
    const added = await cli(
      'redact-image',
      path,
      '--attachment',
      photo,
      '--rect',
      '0.1,0.2,0.3,0.25',
      '--reason',
      'article-8',
      '--note',
      'face',
    );
    expect(added).toEqual({
      code: 0,
      err: '',
      out: 'Added image redaction #1 30% × 25% at 10%, 20%: Article 8: private and family life (face) — by Liaison Team.',
    });
    expect(await cli('redact-image', path, '--attachment', photo, '--list')).toMatchObject({
      code: 0,
      out: '#1 30% × 25% at 10%, 20%: Article 8: private and family life (face) — by Liaison Team',
    });
    const replaced = await cli(
      'redact-image',
      path,
      '--attachment',
      photo,
      '--rect',
      '0.1,0.2,0.4,0.25',
      '--reason',
      'lpp',
      '--replaces',
      '1',
      '--json',
    );
    expect(JSON.parse(replaced.out)).toMatchObject({ redaction: { id: 2, rect: { x: 0.1, y: 0.2, w: 0.4, h: 0.25 } }, replaced: 1 });
    expect(await cli('redact-image', path, '--supersede', '2', '--note', 'privilege waived')).toEqual({
      code: 0,
      err: '',
      out: 'Superseded image redaction #2: privilege waived',
    });
    expect(await cli('redact-image', path, '--attachment', photo, '--list')).toMatchObject({
      code: 0,
      out: `Attachment #${photo} has no live image redactions.`,
    });
    const history = await cli('redact-image', path, '--attachment', photo, '--list', '--history');
    expect(history.out.split('\n')).toEqual([
      '#1 30% × 25% at 10%, 20%: Article 8: private and family life (face) — by Liaison Team; superseded by #2',
      '#2 40% × 25% at 10%, 20%: Legal professional privilege — by Liaison Team; removed by Liaison Team: privilege waived',
    ]);
    const listed = JSON.parse((await cli('redact-image', path, '--attachment', photo, '--list', '--history', '--json')).out) as unknown[];
    expect(listed).toHaveLength(2);
  });

  it('refuses bad input with a usage error (exit 2) or the service’s refusal (exit 1), changing nothing', async () => {
    const { path, photo, pdf } = await closed();
    const run = (...args: string[]) => cli('redact-image', path, ...args);
    expect(await run('--attachment', photo, '--rect', '0.1,0.2,0.3', '--reason', 'lpp')).toMatchObject({
      code: 2,
      err: expect.stringContaining('is not x,y,w,h'),
    });
    expect(await run('--attachment', photo, '--rect', '0.9,0.2,0.3,0.1', '--reason', 'lpp')).toMatchObject({
      code: 2,
      err: expect.stringContaining('within the image'),
    });
    expect(await run('--attachment', photo, '--rect', '0.1,0.2,0.001,0.1', '--reason', 'lpp')).toMatchObject({
      code: 2,
      err: expect.stringContaining('stray click'),
    });
    expect(await run('--attachment', photo, '--rect', '0.1,0.2,0.3,0.1')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--reason'),
    });
    expect(await run('--attachment', photo, '--list', '--rect', '0.1,0.2,0.3,0.1')).toMatchObject({
      code: 2,
      err: expect.stringContaining('exactly one'),
    });
    expect(await run('--rect', '0.1,0.2,0.3,0.1', '--reason', 'lpp')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--attachment'),
    });
    expect(await run('--supersede', '1')).toMatchObject({ code: 2, err: expect.stringContaining('say why') });
    expect(await run('--attachment', pdf, '--rect', '0.1,0.2,0.3,0.1', '--reason', 'lpp')).toMatchObject({
      code: 1,
      err: 'disclosure-desk redact-image: 00000013-notes.pdf is PDF content, not an image, so a rectangle cannot be redacted on it. Withhold the attachment, or redact its name, instead.',
    });
    expect(await run('--attachment', photo, '--rect', '0.1,0.2,0.3,0.1', '--reason', 'nope')).toMatchObject({
      code: 1,
      err: expect.stringContaining('"nope" is not a reason code'),
    });
    expect(await run('--supersede', '5', '--note', 'why')).toMatchObject({
      code: 1,
      err: expect.stringContaining('Image redaction #5 is not in this case'),
    });
    expect(rows(path)).toEqual([]);
    await run('--attachment', photo, '--rect', '0.1,0.2,0.3,0.1', '--reason', 'lpp');
    expect(await run('--attachment', pdf, '--supersede', '1', '--note', 'why')).toMatchObject({
      code: 2,
      err: expect.stringContaining('not on attachment'),
    });
    expect(rows(path)).toMatchObject([{ id: 1, removed: 0 }]);
  });

  it('is listed in the help', async () => {
    const help = await cli('--help');
    expect(help.out).toContain('disclosure-desk redact-image <case> (--attachment <id> --rect <x,y,w,h> --reason <code>');
  });
});
