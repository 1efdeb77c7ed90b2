/**
 * The recent-cases list, kept in the user's settings folder (never inside a case). Paths are
 * themselves sensitive, so the file is owner-only and written atomically.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecentCase } from '../../common/domain/model';

const FILE = 'recent-cases.json';
const LIMIT = 12;

interface Stored {
  readonly path: string;
  readonly name: string;
  readonly openedAt: number;
}

function isStored(value: unknown): value is Stored {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r.path === 'string' && typeof r.name === 'string' && typeof r.openedAt === 'number';
}

function load(settingsDir: string): Stored[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(settingsDir, FILE), 'utf8'));
    return Array.isArray(parsed) ? parsed.filter(isStored) : [];
  } catch {
    // A missing or corrupt list is only a convenience lost; cases themselves are untouched.
    return [];
  }
}

function save(settingsDir: string, entries: readonly Stored[]): void {
  mkdirSync(settingsDir, { recursive: true, mode: 0o700 });
  const target = join(settingsDir, FILE);
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(entries, null, 2), { mode: 0o600 });
  renameSync(temp, target);
}

const withExistence = (entries: readonly Stored[]): RecentCase[] => entries.map((e) => ({ ...e, exists: existsSync(e.path) }));

export function listRecent(settingsDir: string): RecentCase[] {
  return withExistence(load(settingsDir));
}

export function rememberRecent(settingsDir: string, entry: Stored): RecentCase[] {
  const entries = [entry, ...load(settingsDir).filter((e) => e.path !== entry.path)].slice(0, LIMIT);
  save(settingsDir, entries);
  return withExistence(entries);
}

export function forgetRecent(settingsDir: string, path: string): RecentCase[] {
  const entries = load(settingsDir).filter((e) => e.path !== path);
  save(settingsDir, entries);
  return withExistence(entries);
}
