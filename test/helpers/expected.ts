import { readFileSync } from 'node:fs';
import { fixture } from './fixtures';

/** The exact figures in test/fixtures/EXPECTED.json for one fixture file. */
export interface ExpectedFigures {
  readonly conversations: number;
  readonly records: number;
  readonly user_messages: number;
  readonly system_messages: number;
  readonly participants: number;
  readonly earliest_utc: string;
  readonly latest_utc: string;
  readonly attachments: number;
  readonly attachment_files_present: number;
  readonly deleted: number;
  readonly edited: number;
  readonly [key: string]: unknown;
}

const all = JSON.parse(readFileSync(fixture('EXPECTED.json'), 'utf8')) as Record<string, unknown>;

export function expected(name: string): ExpectedFigures {
  const figures = all[name];
  if (!figures || typeof figures !== 'object') throw new Error(`EXPECTED.json has no entry for ${name}`);
  return figures as ExpectedFigures;
}
