/**
 * Rectangle redactions of images (docs/spec.md §13): list an attachment's regions (with their history on
 * request), add one (optionally replacing one of the same image), supersede one saying why. Undo and redo
 * are review.undo / review.redo: image redactions share the other redactions' batches.
 */
import { z } from 'zod';
import {
  imageRegionProblem,
  type AddImageRedactionArgs,
  type AddImageRedactionResult,
  type ImageRedaction,
  type ListImageRedactionsArgs,
  type SupersedeImageRedactionArgs,
  type SupersedeImageRedactionResult,
} from '../../domain/image-regions';
import type { NormalisedRect } from '../../domain/media';
import type { AllCarried, Carries } from '../carries';
import { Id } from './common';
import { ReasonCodeValue } from './redaction';

const Fraction = z.number().finite().min(0).max(1);

/** Normalised to [0..1] of the image as displayed; the whole rectangle within the image, no side under 0.2%. */
export const NormalisedRectSchema = z
  .object({ x: Fraction, y: Fraction, w: Fraction, h: Fraction })
  .strict()
  .superRefine((rect, ctx) => {
    const problem = imageRegionProblem(rect);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });

export const ImageRedactionSchema = z
  .object({
    id: Id,
    attachmentId: Id,
    rect: z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() }).strict(),
    reasonCode: z.string(),
    /** The reason's current label in this case: what the bundle prints. */
    label: z.string(),
    note: z.string(),
    createdAt: z.number(),
    createdBy: z.string(),
    removedAt: z.number().nullable(),
    removedBy: z.string().nullable(),
    removalNote: z.string().nullable(),
    supersededBy: Id.nullable(),
  })
  .strict();

export const ListImageRedactionsArgsSchema = z
  .object({ attachmentId: Id, /** Also the removed and superseded ones. */ includeRemoved: z.boolean().default(false) })
  .strict();

export const AddImageRedactionArgsSchema = z
  .object({
    attachmentId: Id,
    rect: NormalisedRectSchema,
    reasonCode: ReasonCodeValue,
    note: z.string().trim().max(2000).default(''),
    /** A live region of the same image this one replaces. */
    replaces: Id.optional(),
  })
  .strict();

export const AddImageRedactionResultSchema = z.object({ redaction: ImageRedactionSchema, replaced: Id.nullable() }).strict();

export const SupersedeImageRedactionArgsSchema = z
  .object({
    id: Id,
    note: z.string().trim().min(1, 'say why the region no longer applies: it is kept with the removed redaction').max(2000),
  })
  .strict();

export const SupersedeImageRedactionResultSchema = z.object({ removed: Id }).strict();

export type {
  AddImageRedactionArgs,
  AddImageRedactionResult,
  ImageRedaction,
  ListImageRedactionsArgs,
  SupersedeImageRedactionArgs,
  SupersedeImageRedactionResult,
};

/** Each schema carries exactly its domain type (../carries.ts). */
export type ImageRedactionWire = AllCarried<
  [
    Carries<typeof NormalisedRectSchema, NormalisedRect>,
    Carries<typeof ImageRedactionSchema, ImageRedaction>,
    Carries<typeof ListImageRedactionsArgsSchema, ListImageRedactionsArgs>,
    Carries<typeof AddImageRedactionArgsSchema, AddImageRedactionArgs>,
    Carries<typeof AddImageRedactionResultSchema, AddImageRedactionResult>,
    Carries<typeof SupersedeImageRedactionArgsSchema, SupersedeImageRedactionArgs>,
    Carries<typeof SupersedeImageRedactionResultSchema, SupersedeImageRedactionResult>,
  ]
>;

export const imageRedactionChannels = {
  'imageRedactions.list': { method: 'listImageRedactions', args: ListImageRedactionsArgsSchema, result: z.array(ImageRedactionSchema) },
  'imageRedactions.add': { method: 'addImageRedaction', args: AddImageRedactionArgsSchema, result: AddImageRedactionResultSchema },
  'imageRedactions.supersede': {
    method: 'supersedeImageRedaction',
    args: SupersedeImageRedactionArgsSchema,
    result: SupersedeImageRedactionResultSchema,
  },
} as const;
