/** The last part of a path, whichever separator the reviewer's system uses. */
export function fileNameOf(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  return trimmed.split(/[\\/]/).pop() || path;
}
