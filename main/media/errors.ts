/** Media errors: each message is the note the attachment gets, so a reviewer sees why it cannot be shown. */

/** The bytes cannot be turned into pixels: corrupt, truncated, too large, or not an image this app decodes. */
export class MediaDecodeError extends Error {
  /** What the decoder (or the pixel cap) said, without the "could not be decoded: " prefix. */
  readonly reason: string;

  constructor(reason: string) {
    super(`could not be decoded: ${reason}`);
    this.name = new.target.name;
    this.reason = reason;
  }
}

/** A redaction rectangle that is not inside the image; the caller must store only valid normalised rectangles. */
export class InvalidRegionError extends Error {
  constructor(index: number, problem: string) {
    super(`Redaction region ${index + 1} cannot be applied: ${problem}. Draw it again inside the image.`);
    this.name = new.target.name;
  }
}
