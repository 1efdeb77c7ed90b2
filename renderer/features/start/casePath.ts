import { CASE_EXTENSION } from '../../../common/contract';

/** Characters that some file system among Windows, macOS and Linux refuses in a file name. */
const UNSAFE_IN_FILE_NAME = '<>:"/\\|?*';

const isUnsafe = (char: string): boolean => char.charCodeAt(0) < 0x20 || UNSAFE_IN_FILE_NAME.includes(char);

/** A file name from a case name: unsafe characters become "-", and it never ends in a dot or space. */
function caseFileName(caseName: string): string {
  const cleaned = Array.from(caseName, (char) => (isUnsafe(char) ? '-' : char))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '');
  return `${cleaned || 'New case'}${CASE_EXTENSION}`;
}

/** Main reports the folder in its platform's form; the new file joins it with the same separator. */
export function folderSeparator(folder: string): string {
  return folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
}

export function suggestCasePath(folder: string, caseName: string): string {
  const separator = folderSeparator(folder);
  const base = folder.endsWith(separator) ? folder : `${folder}${separator}`;
  return `${base}${caseFileName(caseName)}`;
}
