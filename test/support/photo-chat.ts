/**
 * A WhatsApp (iOS) export with photos, built in the test from images made with sharp: what a minister's
 * chat full of pictures looks like to the import, with exactly the metadata each test needs.
 */
import sharp from 'sharp';

import { GPS_EXIF, jpegWithGps } from '../main/media/images';
import { storedZip } from '../helpers/zip';

const LRM = '\u200e';

export const PHOTO_GPS = '00000003-PHOTO-2021-03-04-12-34-56.jpg';
export const PHOTO_DASHBOARD = '00000004-PHOTO-2021-03-04-12-40-10.jpg';
export const PHOTO_LATER = '00000007-PHOTO-2021-03-05-09-02-00.jpg';
export const ABSENT_PHOTO = '00000009-PHOTO-2021-03-05-09-30-00.jpg';

/** The GPS position GPS_EXIF records, as exifr reads it (55° 57′ 12.34″ N, 3° 11′ 42″ W: Edinburgh). */
export const GPS_POSITION = { latitude: 55 + 57 / 60 + 12.34 / 3600, longitude: -(3 + 11 / 60 + 42 / 3600) };
export { GPS_EXIF };

/** A plain photo of `width` × `height` in one colour with a lighter band, and no metadata. */
export async function plainJpeg(width: number, height: number, background: string): Promise<Buffer> {
  const band = await sharp({ create: { width, height: Math.round(height / 4), channels: 3, background: '#f4f1e8' } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background } })
    .composite([{ input: band, top: Math.round(height / 3), left: 0 }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

export interface PhotoChat {
  readonly zip: Buffer;
  /** The messages' lines as they are in _chat.txt, in order. */
  readonly lines: readonly string[];
}

/**
 * Three photos in two messages a day apart, with text between: the first photo carries EXIF with a GPS
 * position and camera time; a fourth photo is named in the chat but absent from the export. `extra`
 * members are attached after it, in order.
 */
export async function photoChat(extra: readonly (readonly [name: string, bytes: Uint8Array])[] = []): Promise<PhotoChat> {
  const lines = [
    '[04/03/2021, 12:30:00] Euan Baird: Here is the site visit',
    `${LRM}[04/03/2021, 12:34:56] Fiona Laird: ${LRM}<attached: ${PHOTO_GPS}>`,
    `${LRM}[04/03/2021, 12:40:10] Fiona Laird: ${LRM}<attached: ${PHOTO_DASHBOARD}>`,
    '[04/03/2021, 12:41:00] Euan Baird: Thanks, the dashboard is the one for the briefing',
    '[05/03/2021, 08:55:00] Fiona Laird: Updated numbers this morning',
    `${LRM}[05/03/2021, 09:02:00] Fiona Laird: ${LRM}<attached: ${PHOTO_LATER}>`,
    `${LRM}[05/03/2021, 09:30:00] Euan Baird: ${LRM}<attached: ${ABSENT_PHOTO}>`,
    ...extra.map(([name], i) => `${LRM}[05/03/2021, 10:${String(i).padStart(2, '0')}:00] Euan Baird: ${LRM}<attached: ${name}>`),
  ];
  const zip = storedZip([
    ['_chat.txt', lines.join('\r\n') + '\r\n'],
    [PHOTO_GPS, await jpegWithGps()],
    [PHOTO_DASHBOARD, await plainJpeg(640, 480, '#2f5d8a')],
    [PHOTO_LATER, await plainJpeg(300, 400, '#7a3b2e')],
    ...extra,
  ]);
  return { zip, lines };
}
