/**
 * The RFC 5322 e-mail an `.rsmf` file is (docs/formats/rsmf.md §1): X-RSMF-* headers, a text/plain body
 * (what Relativity indexes as extracted text) and exactly one attachment, `rsmf.zip`, in base64. CRLF
 * line ends; non-ASCII header text as RFC 2047 encoded words; long headers folded. Nothing varies but
 * the content: the boundary and Message-ID are derived from it, so the same content gives the same bytes.
 */
import { createHash } from 'node:crypto';

const CRLF = '\r\n';
const BASE64_LINE = 76;

export interface EmlInput {
  /** Display names, in order; the first is `From`, the rest `To` (RSMF's custodian and participants). */
  readonly from: { readonly display: string; readonly email: string | null };
  readonly to: readonly { readonly display: string; readonly email: string | null }[];
  readonly subject: string;
  /** RFC 5322 date of the latest event; null when no event is dated (the header is then left out). */
  readonly date: number | null;
  /** Header name (without "X-RSMF-") → value, in the order written. */
  readonly rsmf: readonly (readonly [string, string])[];
  readonly body: string;
  readonly zip: Uint8Array;
  /** Right-hand side of the Message-ID. */
  readonly idDomain: string;
}

/** RFC 2047 B-encoding for text that is not plain ASCII, split so no encoded word passes 75 characters. */
function encodedWords(text: string): string {
  if (/^[\x20-\x7e]*$/u.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(`=?UTF-8?B?${Buffer.from(chunk).toString('base64')}?=`);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(`=?UTF-8?B?${Buffer.from(chunk).toString('base64')}?=`);
  return words.join(' ');
}

/** "Name <a@b>" or "Name <>" (RSMF's own samples name participants without an address). */
function mailbox(m: { readonly display: string; readonly email: string | null }): string {
  const name = /^[A-Za-z0-9 !#$%&'*+\-/=?^_`{|}~.]*$/u.test(m.display) ? m.display : encodedWords(m.display);
  const quoted = /[.]/u.test(name) && !name.startsWith('=?') ? `"${name}"` : name;
  return `${quoted} <${m.email ?? ''}>`;
}

/** A header folded at spaces so no line passes 78 characters where it can be helped (unfolding restores it). */
function header(name: string, value: string): string {
  const lines: string[] = [];
  let line = `${name}:`;
  for (const word of value.split(' ')) {
    if (line.length + 1 + word.length > 78 && line.length > name.length + 1) {
      lines.push(line);
      line = ` ${word}`;
    } else line += ` ${word}`;
  }
  lines.push(line);
  return lines.join(CRLF);
}

const base64Lines = (bytes: Uint8Array): string => {
  const text = Buffer.from(bytes).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += BASE64_LINE) lines.push(text.slice(i, i + BASE64_LINE));
  return lines.join(CRLF);
};

/** The `.rsmf` file's bytes. */
export function writeEml(input: EmlInput): Buffer {
  const body = Buffer.from(input.body, 'utf8');
  const digest = createHash('sha256').update(body).update(input.zip).digest('hex');
  const boundary = `RSMF-${digest.slice(0, 32)}`;
  const headers = [
    header('From', mailbox(input.from)),
    header('To', input.to.map(mailbox).join(', ')),
    header('Subject', encodedWords(input.subject)),
    ...(input.date === null ? [] : [header('Date', new Date(input.date).toUTCString().replace(/GMT$/u, '+0000'))]),
    header('Message-ID', `<${digest.slice(0, 40)}@${input.idDomain}>`),
    ...input.rsmf.map(([name, value]) => header(`X-RSMF-${name}`, name === 'Participants' ? value : encodedWords(value))),
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
  ];
  const text = [
    ...headers,
    '',
    'This is a multi-part message in MIME format (an RSMF 2.0 short message file).',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(body),
    `--${boundary}`,
    'Content-Type: application/octet-stream; name="rsmf.zip"',
    'Content-Disposition: attachment; filename="rsmf.zip"',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(input.zip),
    `--${boundary}--`,
    '',
  ].join(CRLF);
  return Buffer.from(text, 'utf8');
}

/** The X-RSMF-Participants value: display names joined by ", ", each encoded when not ASCII. */
export const participantsHeader = (displays: readonly string[]): string => displays.map(encodedWords).join(', ');
