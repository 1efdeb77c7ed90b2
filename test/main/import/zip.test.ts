import { describe, expect, it } from 'vitest';
import { openZipFile, unsafeEntryName } from '../../../main/import/zip';
import { fixture } from '../../helpers/fixtures';

describe('zip sources', () => {
  it('lists and reads the entries of a WhatsApp iOS export', async () => {
    const zip = await openZipFile(fixture('whatsapp/ios-en-GB.zip'));
    expect(zip.entries).toEqual(['00000012-PHOTO-2021-03-28-09-14-03.jpg', '_chat.txt']);
    const text = new TextDecoder().decode(await zip.read('_chat.txt'));
    expect(text).toContain('[');
    expect(zip.diskPath('_chat.txt')).toBeNull();
    await zip.close();
  });

  it('refuses an archive with an entry that climbs out of the root, naming the entry', async () => {
    await expect(openZipFile(fixture('bad/traversal.zip'))).rejects.toThrow(/"\.\.\/\.\.\/evil\.txt" climbs out of the archive/);
  });

  it('refuses a zip bomb on its declared size before inflating anything', async () => {
    await expect(openZipFile(fixture('bad/zip-bomb.zip'))).rejects.toThrow(/ratio 1029:1.*zip bomb/);
  });

  it('recognises unsafe names whatever separator the archive used', () => {
    expect(unsafeEntryName('..\\..\\evil.txt')).toMatch(/climbs/);
    expect(unsafeEntryName('/etc/passwd')).toMatch(/absolute/);
    expect(unsafeEntryName('C:/Windows/x')).toMatch(/drive/);
    expect(unsafeEntryName('media/photo..jpg')).toBeNull();
  });
});
