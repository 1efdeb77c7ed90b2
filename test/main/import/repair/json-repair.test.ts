import { describe, expect, it } from 'vitest';
import { JsonRepairer } from '../../../../main/import/repair/json-repair';
import type { Repair } from '../../../../main/import/repair/repair-queue';

function repair(input: string, size = input.length || 1): { output: string; repairs: Repair[] } {
  const repairs: Repair[] = [];
  const repairer = new JsonRepairer((found) => repairs.push(found));
  let output = '';
  for (let i = 0; i < input.length; i += size) output += repairer.push(input.slice(i, i + size));
  output += repairer.end();
  return { output, repairs };
}

function repairBothWays(input: string): { output: string; repairs: Repair[] } {
  const whole = repair(input);
  expect(repair(input, 1)).toEqual(whole);
  expect(repair(input, 2)).toEqual(whole);
  return whole;
}

describe('JSON repair pass', () => {
  it('rewrites \\xNN as \\u00NN where the backslash run before the x is odd', () => {
    const input = String.raw`{"a": "tab\x09 one\x01", "b": "C:\\xfer\\x01", "c": "\\\x0C", "d": "\\\\x41"}`;
    const { output, repairs } = repairBothWays(input);
    expect(output).toBe(String.raw`{"a": "tab\u0009 one\u0001", "b": "C:\\xfer\\x01", "c": "\\\u000C", "d": "\\\\x41"}`);
    expect(repairs.map((r) => r.description)).toEqual([
      'invalid JSON escape \\x09 rewritten as \\u0009',
      'invalid JSON escape \\x01 rewritten as \\u0001',
      'invalid JSON escape \\x0C rewritten as \\u000C',
    ]);
    expect(JSON.parse(output)).toEqual({ a: 'tab\t one\u0001', b: 'C:\\xfer\\x01', c: '\\\f', d: '\\\\x41' });
  });

  it('gives each repair its line and its offset in the repaired text', () => {
    const input = '{\n "a": "x",\n "b": "y\\x01 z\\x1f"\n}';
    for (const size of [input.length, 1, 3]) {
      const { output, repairs } = repair(input, size);
      expect(repairs.map((r) => r.line)).toEqual([3, 3]);
      expect(repairs.map((r) => output.slice(r.offset, r.offset + 6))).toEqual(['\\u0001', '\\u001f']);
    }
  });

  it('leaves an \\x that is not followed by two hex digits for the strict parser to report', () => {
    expect(repairBothWays('["\\xZZ"]')).toEqual({ output: '["\\xZZ"]', repairs: [] });
  });

  it('tracks string boundaries through escaped quotes and escaped backslashes', () => {
    const input = String.raw`{"say \"\x\"": 1, "path": "C:\\", "x01": "\\x01"}`;
    expect(repairBothWays(input)).toEqual({ output: input, repairs: [] });
  });

  it('quotes an unquoted document_id value (Telegram 4.1.x), keeping a trailing comma', () => {
    const input = '{\n "document_id": video_files/sticker (2).webm,\n "text": "😮"\n}\n{\n "document_id": stickers/sticker.webp\n}';
    const { output, repairs } = repairBothWays(input);
    expect(output).toBe(
      '{\n "document_id": "video_files/sticker (2).webm",\n "text": "😮"\n}\n{\n "document_id": "stickers/sticker.webp"\n}',
    );
    expect(repairs.map((r) => [r.line, r.description])).toEqual([
      [2, 'unquoted document_id value video_files/sticker (2).webm quoted'],
      [6, 'unquoted document_id value stickers/sticker.webp quoted'],
    ]);
  });

  it('leaves quoted and numeric document_id values, and strings that merely say document_id, alone', () => {
    const input = '{"document_id": "5368324170671202286", "x": {"document_id": 5368324170671202286}, "y": ["document_id", "z"]}';
    expect(repairBothWays(input)).toEqual({ output: input, repairs: [] });
  });
});
