import { describe, expect, it } from 'vitest';
import { CHANNELS, CreateCaseArgs, contract, isChannel } from '../../common/contract';

describe('the contract', () => {
  it('gives every channel a distinct API method name', () => {
    const methods = CHANNELS.map((c) => contract[c].method);
    expect(new Set(methods).size).toBe(methods.length);
  });

  it('fills case defaults and trims text', () => {
    expect(CreateCaseArgs.parse({ path: '/cases/a.ddcase', name: '  Module 2  ' })).toEqual({
      path: '/cases/a.ddcase',
      name: 'Module 2',
      inquiry: '',
      requestReference: '',
      referencePrefix: 'INQ',
      protectiveMarking: 'OFFICIAL-SENSITIVE',
      defaultTimeZone: 'Europe/London',
    });
  });

  it.each([
    ['no name', { path: '/a.ddcase' }, /name/],
    ['a blank name', { path: '/a.ddcase', name: '   ' }, /name is required/],
    ['a lower-case prefix', { path: '/a.ddcase', name: 'x', referencePrefix: 'inq' }, /capital letters/],
    ['an unknown time zone', { path: '/a.ddcase', name: 'x', defaultTimeZone: 'Mars/Olympus' }, /IANA time zone/],
    ['a path without the case extension', { path: '/a.sqlite', name: 'x' }, /\.ddcase/],
    ['a path with a NUL', { path: '/a\0.ddcase', name: 'x' }, /NUL/],
    ['an extra field', { path: '/a.ddcase', name: 'x', sql: 'DROP TABLE' }, /Unrecognized key/],
    ['a number for a name', { path: '/a.ddcase', name: 42 }, /must be text/],
  ])('rejects %s', (_label, payload, message) => {
    const parsed = CreateCaseArgs.safeParse(payload);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join('; ')).toMatch(message);
  });

  it('knows its own channels and nothing else', () => {
    expect(isChannel('case.create')).toBe(true);
    expect(isChannel('toString')).toBe(false);
    expect(isChannel('__proto__')).toBe(false);
    expect(isChannel(7)).toBe(false);
  });
});
