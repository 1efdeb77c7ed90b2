import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseInfo, closeCase, openCase } from '../../main/cases/service';
import { makeCase } from '../helpers/case';
import { useTempDir } from '../helpers/temp';

describe('read-only case files', () => {
  const tempDir = useTempDir();

  it('opens a case whose file is marked read-only (chmod 0444) read-only, even for root', () => {
    const dir = tempDir();
    closeCase(makeCase(dir));
    const path = join(dir, 'case.ddcase');
    chmodSync(path, 0o444);
    const session = openCase(path);
    try {
      expect(session.writable).toBeNull();
      expect(caseInfo(session).readOnly).toBe(true);
      expect(() => session.db.exec("INSERT INTO custodians (name, created_at) VALUES ('x', 1)")).toThrow(/readonly/);
    } finally {
      closeCase(session);
    }
    expect(statSync(path).mode & 0o777).toBe(0o444);
  });

  it('opens a writable case for writing', () => {
    const dir = tempDir();
    closeCase(makeCase(dir));
    const session = openCase(join(dir, 'case.ddcase'));
    expect(caseInfo(session).readOnly).toBe(false);
    closeCase(session);
  });
});
