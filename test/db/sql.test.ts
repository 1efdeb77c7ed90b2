import { describe, expect, it } from 'vitest';
import { join, raw, sql } from '../../db/sql';

describe('the sql tag', () => {
  it('binds every value as a parameter, never as text', () => {
    const hostile = "x'); DROP TABLE messages; --";
    const q = sql`SELECT * FROM messages WHERE body = ${hostile} AND id > ${3}`;
    expect(q.text).toBe('SELECT * FROM messages WHERE body = ? AND id > ?');
    expect(q.values).toEqual([hostile, 3]);
  });

  it('nests fragments and trusted raw text, keeping values in order', () => {
    const filters = join([sql`a = ${1}`, sql`b = ${'two'}`], ' AND ');
    const q = sql`SELECT ${raw('id, body')} FROM t WHERE ${filters} LIMIT ${10}`;
    expect(q.text).toBe('SELECT id, body FROM t WHERE a = ? AND b = ? LIMIT ?');
    expect(q.values).toEqual([1, 'two', 10]);
  });

  it('stores booleans as 0/1', () => {
    expect(sql`x = ${true} AND y = ${false}`.values).toEqual([1, 0]);
  });
});
