/**
 * Timeline thumbnails (docs/spec.md §13): one call for the attachments a screen shows, answered from the
 * case's cache or made in a worker and cached (main/attachments/thumbnails.ts).
 */
import { z } from 'zod';
import type { AttachmentThumbnail } from '../../domain/media';
import type { AllCarried, Carries } from '../carries';
import { Id } from './common';

/** Only `data:image/jpeg` or `data:image/png` base64 URLs: the renderer's img-src allows `data:` and nothing else. */
const ThumbnailDataUrl = z.string().regex(/^data:image\/(jpeg|png);base64,[A-Za-z0-9+/]+=*$/, 'a base64 JPEG or PNG data: URL');

export const AttachmentThumbnailSchema = z.discriminatedUnion('state', [
  z
    .object({
      attachmentId: Id,
      state: z.literal('ready'),
      dataUrl: ThumbnailDataUrl,
      width: z.number().int().positive(),
      height: z.number().int().positive(),
    })
    .strict(),
  z.object({ attachmentId: Id, state: z.literal('unavailable'), reason: z.string().min(1) }).strict(),
]);

export const ThumbnailsArgsSchema = z
  .object({
    attachmentIds: z.array(Id).min(1, 'ask for at least one attachment').max(200, 'ask for at most 200 thumbnails at a time'),
  })
  .strict();

export type { AttachmentThumbnail };

/** Each schema carries exactly its domain type (../carries.ts). */
export type ThumbnailsWire = AllCarried<[Carries<typeof AttachmentThumbnailSchema, AttachmentThumbnail>]>;

export const thumbnailChannels = {
  'attachments.thumbnails': {
    method: 'attachmentThumbnails',
    args: ThumbnailsArgsSchema,
    result: z.object({ thumbnails: z.array(AttachmentThumbnailSchema) }).strict(),
  },
} as const;
