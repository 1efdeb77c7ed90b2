/**
 * The compile-time tie between the wire and the domain. Services take the domain's types
 * (common/domain); the zod schemas here stay the truth of what crosses the wire, and each channel module
 * proves, once, that every schema carries exactly its domain type:
 *
 *   export type ReviewWire = AllCarried<[Carries<typeof ReviewEventSchema, ReviewEvent>, …]>;
 *
 * A field added, dropped, renamed, made optional or retyped on either side then fails `npm run
 * typecheck` on that list, showing both shapes. Equality, not `satisfies z.ZodType<T>`: that only checks
 * that the schema's output fits the type, so a field the domain gained would never reach the wire.
 * Type-only: nothing here exists at run time.
 */
import type { z } from 'zod';

/**
 * A type with `readonly` dropped from its properties and intersections flattened, through arrays and
 * unions: domain records are read-only and zod's output is not, which changes nothing a caller can pass.
 * A read-only array stays one: it cannot be passed where the wire takes a mutable one.
 */
type Plain<T> = T extends readonly (infer U)[]
  ? T extends unknown[]
    ? Plain<U>[]
    : readonly Plain<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Plain<T[K]> }
    : T;

/** Exact equality of two types (mutual assignability would let optional fields drift). */
type Same<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;

/** `true` when the schema's parsed output is the domain type; otherwise both shapes, for the error. */
export type Carries<Schema extends z.ZodType, Domain> =
  Same<Plain<z.output<Schema>>, Plain<Domain>> extends true ? true : { schema: Plain<z.output<Schema>>; domain: Plain<Domain> };

/** Fails to compile unless every entry is `true`. */
export type AllCarried<Checks extends readonly true[]> = Checks;
