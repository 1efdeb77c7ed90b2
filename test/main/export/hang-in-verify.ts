/**
 * A child process for the crash test: exports a case and, once the files are written and verification
 * is about to start, says where its partial folder is and waits there to be killed.
 * Usage: node --require tsx/cjs hang-in-verify.ts <case> <bundle dir> <file to write the partial folder's path to>
 */
import { writeFileSync } from 'node:fs';
import { openCase } from '../../../main/cases/service';
import { exportBundle } from '../../../main/export/run';
import { exportSettings } from './settings';

const [casePath = '', outputDir = '', signalFile = ''] = process.argv.slice(2);
const session = openCase(casePath);
void exportBundle(session.writable!, session.meta, exportSettings(outputDir, { width: 6, xlsx: false }), {
  actor: 'test-reviewer',
  appVersion: '0.0.0-test',
  casePath,
  beforeVerify: (temp) => {
    writeFileSync(signalFile, temp);
    return new Promise<void>(() => setInterval(() => undefined, 1000));
  },
});
