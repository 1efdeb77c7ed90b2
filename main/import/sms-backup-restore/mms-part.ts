/**
 * One `<part>` of an MMS as a record holds it, from the part's attributes: shared by the saxes reader
 * and the scanner (scanner.ts), which must build the same record.
 */
import { present, type Attributes, type MmsPart, type WholeValue } from './records';

export function mmsPart(attributes: Attributes, textCut: WholeValue | undefined): MmsPart {
  const contentType = (attributes.ct ?? '').toLowerCase();
  const data = contentType === 'application/smil' ? undefined : present(attributes, 'data');
  return {
    contentType,
    fileName: present(attributes, 'name') ?? present(attributes, 'cl') ?? present(attributes, 'fn') ?? null,
    // Only text/plain parts are read; a SMIL layout's text is dropped here rather than carried along.
    text: contentType === 'text/plain' ? attributes.text : undefined,
    ...(contentType === 'text/plain' && textCut && { textCut }),
    data: data === undefined ? null : Buffer.from(data, 'base64'),
  };
}
