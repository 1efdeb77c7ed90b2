import { join } from 'node:path';
import { createCase, type CaseSession } from '../../main/cases/service';

export const TEST_ACTOR = { actor: 'test-reviewer', appVersion: '0.0.0-test' };

export const TEST_DETAILS = {
  name: 'Test case',
  inquiry: 'UK Covid-19 Inquiry',
  requestReference: 'M2/R9',
  referencePrefix: 'INQ',
  protectiveMarking: 'OFFICIAL-SENSITIVE',
  defaultTimeZone: 'Europe/London',
};

export function makeCase(dir: string, name = 'case.ddcase'): CaseSession {
  return createCase(join(dir, name), TEST_DETAILS, TEST_ACTOR);
}
