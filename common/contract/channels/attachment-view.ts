/**
 * The attachment viewer (spec §13): one attachment's record, what its bytes say about themselves, and an
 * image to display at full resolution, with its conversation's previous and next attachments.
 */
import { z } from 'zod';
import type { AttachmentRecord, AttachmentRendition, AttachmentView } from '../../domain/attachment-view';
import type { MediaFacts } from '../../domain/media';
import type { AllCarried, Carries } from '../carries';
import { Id } from './common';

const MEDIA_KINDS = ['image', 'video', 'audio', 'document', 'contact', 'archive', 'other'] as const;

export const MediaFactsSchema = z
  .object({
    byteLength: z.number().int().nonnegative(),
    width: z.number().int().positive().optional(),
    height: z.number().int().positive().optional(),
    orientation: z.number().int().optional(),
    frames: z.number().int().optional(),
    cameraTime: z.object({ text: z.string(), offset: z.string().optional() }).strict().optional(),
    gps: z.object({ latitude: z.number(), longitude: z.number() }).strict().optional(),
    camera: z.object({ make: z.string().optional(), model: z.string().optional() }).strict().optional(),
    durationSeconds: z.number().nonnegative().optional(),
    personalData: z.array(z.enum(['gps-position'])).readonly(),
    problem: z.string().optional(),
  })
  .strict();

export const AttachmentRecordSchema = z
  .object({
    attachmentId: Id,
    messageId: Id,
    conversationId: Id,
    position: z.number().int().nonnegative(),
    fileName: z.string().nullable(),
    nameMime: z.string().nullable(),
    detected: z
      .object({ mime: z.string(), kind: z.enum(MEDIA_KINDS), label: z.string() })
      .strict()
      .nullable(),
    size: z.number().int().nonnegative().nullable(),
    sha256: z.string().nullable(),
    kept: z.boolean(),
    unavailableReason: z.string().nullable(),
    notes: z.array(z.string()).readonly(),
  })
  .strict();

export const AttachmentRenditionSchema = z.discriminatedUnion('state', [
  z
    .object({
      state: z.literal('image'),
      dataUrl: z.string().startsWith('data:image/'),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      converted: z.boolean(),
    })
    .strict(),
  z.object({ state: z.literal('unavailable'), reason: z.string() }).strict(),
  z.object({ state: z.literal('none') }).strict(),
]);

export const AttachmentViewSchema = z
  .object({
    record: AttachmentRecordSchema,
    media: MediaFactsSchema.nullable(),
    rendition: AttachmentRenditionSchema,
    previousId: Id.nullable(),
    nextId: Id.nullable(),
  })
  .strict();

export type { AttachmentRecord, AttachmentRendition, AttachmentView, MediaFacts };

/** Each schema carries exactly its domain type (../carries.ts). */
export type AttachmentViewWire = AllCarried<
  [
    Carries<typeof MediaFactsSchema, MediaFacts>,
    Carries<typeof AttachmentRecordSchema, AttachmentRecord>,
    Carries<typeof AttachmentRenditionSchema, AttachmentRendition>,
    Carries<typeof AttachmentViewSchema, AttachmentView>,
  ]
>;

export const attachmentViewChannels = {
  'attachments.view': { method: 'attachmentView', args: z.object({ attachmentId: Id }).strict(), result: AttachmentViewSchema },
} as const;
