/**
 * Whether the process that left something behind (a temporary copy, an export's partial folder) has
 * gone. Only a process known to have gone is: one that exists but is not ours to signal (EPERM) may be
 * another user's import still running.
 */
export function processIsGone(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
