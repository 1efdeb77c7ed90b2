import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Absolute path of a file under test/fixtures (the project's own copy of the shared samples). */
export const fixture = (relative: string): string => join(root, relative);
