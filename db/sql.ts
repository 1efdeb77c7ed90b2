/**
 * SQL with values always bound as parameters: ``sql`SELECT … WHERE id = ${id}` `` yields the text with
 * `?` placeholders and the values separately, so a value can never become SQL.
 */
export type SqlValue = string | number | bigint | Uint8Array | null;

export interface SqlQuery {
  readonly text: string;
  readonly values: readonly SqlValue[];
}

const RAW = Symbol('raw-sql');

/** A trusted SQL fragment (a column list chosen from a fixed set), never user input. */
export interface RawSql {
  readonly [RAW]: string;
}

export const raw = (text: string): RawSql => ({ [RAW]: text });

const isRaw = (value: unknown): value is RawSql => typeof value === 'object' && value !== null && RAW in value;
const isQuery = (value: unknown): value is SqlQuery =>
  typeof value === 'object' && value !== null && 'text' in value && 'values' in value && !(value instanceof Uint8Array);

export function sql(strings: TemplateStringsArray, ...parts: readonly (SqlValue | boolean | RawSql | SqlQuery)[]): SqlQuery {
  let text = strings[0] ?? '';
  const values: SqlValue[] = [];
  parts.forEach((part, i) => {
    if (isRaw(part)) text += part[RAW];
    else if (isQuery(part)) {
      text += part.text;
      values.push(...part.values);
    } else {
      text += '?';
      values.push(typeof part === 'boolean' ? (part ? 1 : 0) : part);
    }
    text += strings[i + 1] ?? '';
  });
  return { text, values };
}

/** Joins fragments with a separator (`AND`, `,`), keeping every value bound. */
export function join(queries: readonly SqlQuery[], separator: string): SqlQuery {
  return {
    text: queries.map((q) => q.text).join(separator),
    values: queries.flatMap((q) => q.values),
  };
}
