import type { FormatDetection } from '../../common/domain/import-request';
import { SOURCE_FORMAT_LABELS } from '../../common/domain/model';
import { detectFormat } from './formats';
import { openFiles } from './open-input';

/** Names a file's format before it is imported, or says in plain words why it cannot be. */
export async function detect(path: string): Promise<FormatDetection> {
  try {
    const opened = await openFiles(path);
    try {
      const format = await detectFormat(opened.files);
      return { format, label: SOURCE_FORMAT_LABELS[format], problem: null };
    } finally {
      await opened.files.close();
    }
  } catch (err) {
    return { format: null, label: 'Not recognised', problem: (err as Error).message };
  }
}
