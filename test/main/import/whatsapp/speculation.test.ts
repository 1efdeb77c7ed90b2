import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { singleFile } from '../../../../main/import/files';
import { guessWhatsAppSurvey, surveyWhatsApp, whatsAppRecordsHold } from '../../../../main/import/whatsapp';
import { useTempDir } from '../../../helpers/temp';
import { chatWithTail } from './long-chat';
import { LONDON } from './memory';

describe('a guess at the survey of a WhatsApp export, from the start of the file', () => {
  const tempDir = useTempDir();
  const options = { ...LONDON, custodianName: 'Dan Ross' };

  async function judge(path: string): Promise<boolean> {
    const files = singleFile(path);
    const guessed = await guessWhatsAppSurvey(files, options);
    expect(guessed).not.toBeNull();
    return whatsAppRecordsHold(guessed!, await surveyWhatsApp(files, options));
  }

  it('holds when the rest of the file settles nothing else', async () => {
    expect(await judge(chatWithTail(tempDir(), 12_000, ['13/03/2020, 09:00 - Ann Gray: a day past the 12th, read day first']))).toBe(true);
  });

  it('does not hold when the custodian first writes after the start', async () => {
    expect(await judge(chatWithTail(tempDir(), 12_000, ['12/03/2020, 11:00 - Dan Ross: the custodian, at last']))).toBe(false);
  });

  it('does not hold when only the end shows the dates are month first', async () => {
    expect(await judge(chatWithTail(tempDir(), 12_000, ['03/25/2020, 09:00 - Ann Gray: the 25th, so month first']))).toBe(false);
  });

  it('is the survey itself for a file shorter than the start it reads', async () => {
    expect(await judge(chatWithTail(tempDir(), 500, ['03/25/2020, 09:00 - Dan Ross: the 25th, so month first']))).toBe(true);
  });

  it('is null for a start that settles nothing', async () => {
    const path = join(tempDir(), 'not-a-chat.txt');
    writeFileSync(path, 'just some notes\n'.repeat(100_000));
    expect(await guessWhatsAppSurvey(singleFile(path), options)).toBeNull();
  });
});
