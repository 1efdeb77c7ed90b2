import type { z } from 'zod';

/** Validation problems in plain words: "name: a case name is required; referencePrefix: use 1-16 capital letters…" */
export const describeIssues = (error: z.ZodError): string =>
  error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
