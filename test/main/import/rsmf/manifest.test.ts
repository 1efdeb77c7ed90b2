import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readManifest } from '../../../../main/import/rsmf/manifest';
import { fixture } from '../../../helpers/fixtures';

const base = (): Record<string, unknown> => ({
  version: '2.0.0',
  participants: [{ id: 'P1', display: 'Fiona Laird' }],
  conversations: [{ id: 'C1', platform: 'whatsapp', participants: ['P1'] }],
  events: [{ type: 'message', participant: 'P1', body: 'hi', timestamp: '2021-01-04T19:40:00Z' }],
});

const withEvent = (event: Record<string, unknown>): Record<string, unknown> => ({ ...base(), events: [event] });

describe('RSMF manifest checks', () => {
  it('reads the fixture manifest with no warnings', () => {
    const { manifest, warnings } = readManifest(JSON.parse(readFileSync(fixture('rsmf/core-group.rsmf_manifest.json'), 'utf8')));
    expect(warnings).toEqual([]);
    expect(manifest.version).toBe('2.0.0');
    expect(manifest.participants).toHaveLength(5);
    expect(manifest.conversations[0]).toMatchObject({ id: 'C1', type: 'channel', custodian: 'P1', platform: 'whatsapp' });
    expect(manifest.events[7]?.edits).toEqual([
      { participant: 'P2', timestamp: '2021-01-05T08:16:30Z', previous: 'Lines at 11', next: 'Lines with you by 11.' },
    ]);
  });

  it('names the path and what it found for each wrong shape', () => {
    expect(() => readManifest([])).toThrow('manifest must be an object (found an array)');
    expect(() => readManifest({ ...base(), version: '3.0.0' })).toThrow(/manifest.version the string "3.0.0" is not an RSMF version/);
    expect(() => readManifest({ ...base(), participants: [{ id: 1 }] })).toThrow('participants[0].id must be a string (found number 1)');
    expect(() => readManifest({ ...base(), participants: [{ display: 'no id' }] })).toThrow('participants[0].id is required');
    expect(() => readManifest({ ...base(), participants: [{ id: 'P1' }, { id: 'P1' }] })).toThrow(
      /participants\[1\].id "P1" is used by an earlier participant/,
    );
    expect(() => readManifest({ ...base(), conversations: [{ id: 'C1', participants: [] }] })).toThrow(
      'conversations[0].platform is required',
    );
    expect(() => readManifest({ ...base(), conversations: {} })).toThrow('manifest.conversations must be an array (found an object)');
    expect(() => readManifest({ ...base(), events: undefined })).toThrow('manifest.events must be an array (found nothing)');
    expect(() => readManifest(withEvent({ type: 'msg' }))).toThrow(
      /events\[0\].type must be one of message, disclaimer, join, leave, history, unknown/,
    );
    expect(() => readManifest(withEvent({ body: 'x' }))).toThrow('events[0].type is required');
    expect(() => readManifest(withEvent({ type: 'message', deleted: 'yes' }))).toThrow(/events\[0\].deleted must be true or false/);
    expect(() => readManifest(withEvent({ type: 'message', timestamp: 'yesterday' }))).toThrow(
      /events\[0\].timestamp the string "yesterday" is not an ISO 8601 date-time/,
    );
    expect(() => readManifest(withEvent({ type: 'message', direction: 'sideways' }))).toThrow(
      /events\[0\].direction must be one of incoming, outgoing/,
    );
    expect(() => readManifest(withEvent({ type: 'message', reactions: [{ count: 1 }] }))).toThrow(
      'events[0].reactions[0].value is required',
    );
    expect(() => readManifest(withEvent({ type: 'message', reactions: [{ value: '👍', count: 1.5 }] }))).toThrow(
      /count must be a whole number/,
    );
    expect(() => readManifest(withEvent({ type: 'message', attachments: [{ display: 'x.jpg' }] }))).toThrow(
      'events[0].attachments[0].id is required',
    );
    expect(() => readManifest(withEvent({ type: 'message', edits: [{ previous: 'a' }] }))).toThrow(
      'events[0].edits[0].participant is required',
    );
  });

  it('accepts timestamps without an offset, which the schema itself uses', () => {
    expect(readManifest(withEvent({ type: 'message', timestamp: '2018-09-11T09:45:00' })).manifest.events[0]?.timestamp).toBe(
      '2018-09-11T09:45:00',
    );
  });

  it('warns about keys RSMF does not define, such as the vendor sample\'s singular "attachment"', () => {
    const events = Array.from({ length: 5 }, () => ({ type: 'message', attachment: { id: 'x.jpg' } }));
    const { warnings } = readManifest({ ...base(), events, extra: true });
    expect(warnings).toEqual([
      'key "extra" is not part of RSMF and was ignored (manifest)',
      'key "attachment" is not part of RSMF and was ignored (events[0], events[1], events[2] and 2 more)',
    ]);
  });
});
