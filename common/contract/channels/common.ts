/** Schema pieces every channel module shares. */
import { z } from 'zod';

export const Id = z.number().int().positive();

export const JobId = z.string().regex(/^job-\d+$/);

export const NoArgs = z.object({}).strict();
