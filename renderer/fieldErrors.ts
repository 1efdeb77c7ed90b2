/** The shape of a zod error this needs; the renderer takes no dependency on zod's types. */
interface Issues {
  readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[];
}

/** The first problem with each field, keyed by the field's name, in the schema's own words. */
export function fieldErrors<Field extends string>(error: Issues, fields: readonly Field[]): Partial<Record<Field, string>> {
  const result: Partial<Record<Field, string>> = {};
  for (const issue of error.issues) {
    const field = fields.find((candidate) => candidate === issue.path[0]);
    if (field && !(field in result)) result[field] = issue.message;
  }
  return result;
}
