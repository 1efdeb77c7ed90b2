/**
 * Checking an `.rsmf` file as a reader would find it: the e-mail is read back with the importer's MIME
 * reader, rsmf.zip opened with its zip reader, and the manifest validated against Relativity's official
 * JSON Schema 2.0.0 (schema/, vendored unchanged) with ajv, then against the rules the schema cannot
 * say: every participant, conversation, parent and attachment it names exists, the X-RSMF-* headers
 * agree with the manifest, there is exactly one attachment and every file in the zip is referred to.
 * The export runs this on every file before writing it, and `verify` runs it again on the folder.
 */
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { readMime, type HeaderList } from '../../import/rsmf/mime';
import { openZipBuffer } from '../../import/zip';
import schema from './schema/rsmf_schema_2_0_0.json';
import { RSMF_MANIFEST, RSMF_VERSION, RSMF_ZIP } from './manifest';

/** A produced RSMF file that breaks the schema or a rule: a fault in the export, never written. */
export class RsmfInvalidError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(
      `${file} is not a valid RSMF 2.0 file, so the export stopped and nothing was kept: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}. This is a fault in Disclosure Desk: keep the case and report it.`,
    );
    this.name = 'RsmfInvalidError';
  }
}

// `strict: false`: the official schema has keywords ajv's strict mode refuses (a `maximum` on a
// string); it is used exactly as published. ajv-formats has no `idn-email`: the schema's one format it
// lacks is added here (an address with a local part, "@" and a dotted domain, non-ASCII allowed).
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addFormat('idn-email', /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:".]+$/u);
const validateManifest = ajv.compile(schema);

const schemaProblem = (e: ErrorObject): string =>
  `rsmf_manifest.json${e.instancePath || ''} ${e.message ?? 'is invalid'} (official schema 2.0.0)`;

/** What an `.rsmf` file holds, decoded. */
export interface ReadRsmf {
  readonly headers: HeaderList;
  /** The text/plain body, decoded. */
  readonly body: string;
  /** The zip's members (the manifest first when present), with their bytes. */
  readonly members: readonly { readonly name: string; readonly bytes: Buffer }[];
  /** Null when rsmf_manifest.json is missing or not JSON (a problem says so). */
  readonly manifest: unknown;
  readonly problems: readonly string[];
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** Reads an `.rsmf` file's parts; what cannot be read is a problem, not a throw. */
export async function readRsmf(bytes: Uint8Array): Promise<ReadRsmf> {
  const problems: string[] = [];
  const message = await readMime(once(bytes), () => true);
  const attachments = message.parts.filter(
    (p) => p.disposition === 'attachment' || (p.fileName !== null && p.contentType !== 'text/plain'),
  );
  if (attachments.length !== 1) problems.push(`the e-mail must carry exactly one attachment; it carries ${attachments.length}`);
  const zips = message.parts.filter((p) => p.fileName?.toLowerCase() === RSMF_ZIP);
  const zipPart = zips[0];
  if (zips.length !== 1 || !zipPart) problems.push(`the e-mail must carry one attachment named ${RSMF_ZIP}; found ${zips.length}`);
  else if (zipPart.transferEncoding !== 'base64') problems.push(`${RSMF_ZIP} must be base64-encoded (found ${zipPart.transferEncoding})`);
  const text = message.parts.find((p) => p.contentType === 'text/plain' && p.fileName === null);
  const body = text?.body ? Buffer.from(text.body).toString('utf8') : '';
  if (!text) problems.push('the e-mail has no text/plain body');
  const members: { name: string; bytes: Buffer }[] = [];
  let manifest: unknown = null;
  if (zipPart?.body) {
    const zip = await openZipBuffer(RSMF_ZIP, zipPart.body);
    try {
      for (const entry of zip.entries) members.push({ name: entry, bytes: Buffer.from(await zip.read(entry)) });
    } finally {
      await zip.close();
    }
    const manifestMember = members.find((m) => m.name === RSMF_MANIFEST);
    if (!manifestMember) problems.push(`${RSMF_ZIP} has no ${RSMF_MANIFEST} at its root`);
    else {
      try {
        manifest = JSON.parse(manifestMember.bytes.toString('utf8'));
      } catch (err) {
        problems.push(`${RSMF_MANIFEST} is not JSON: ${(err as Error).message}`);
      }
    }
  }
  return { headers: message.headers, body, members, manifest, problems };
}

interface Loose {
  readonly [key: string]: unknown;
}
const list = (value: unknown): Loose[] => (Array.isArray(value) ? (value as Loose[]) : []);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The rules the schema cannot say, over a manifest the schema accepted. */
export function rsmfRuleProblems(read: ReadRsmf): string[] {
  const problems: string[] = [];
  const m = read.manifest as Loose;
  const participants = new Set<string>();
  for (const p of list(m.participants)) {
    const id = str(p.id) ?? '';
    if (participants.has(id)) problems.push(`participant id "${id}" is used twice`);
    participants.add(id);
  }
  const need = (id: unknown, where: string): void => {
    if (typeof id === 'string' && !participants.has(id))
      problems.push(`${where} names participant "${id}", which participants[] does not define`);
  };
  const conversations = new Map<string, Set<string>>();
  for (const c of list(m.conversations)) {
    const id = str(c.id) ?? '';
    if (conversations.has(id)) problems.push(`conversation id "${id}" is used twice`);
    const members = new Set(list(c.participants) as unknown as string[]);
    conversations.set(id, members);
    for (const p of members) need(p, `conversation "${id}"`);
    if (typeof c.custodian === 'string' && !members.has(c.custodian))
      problems.push(`conversation "${id}"'s custodian "${c.custodian}" is not one of its participants`);
  }
  const eventIds = new Map<string, string | null>();
  for (const e of list(m.events)) {
    const id = str(e.id);
    if (id === null) continue;
    if (eventIds.has(id)) problems.push(`event id "${id}" is used twice`);
    eventIds.set(id, str(e.conversation));
  }
  const files = new Set(read.members.map((f) => f.name));
  const referenced = new Set<string>();
  const times: number[] = [];
  let attachmentCount = 0;
  for (const [i, e] of list(m.events).entries()) {
    const where = `events[${i}]`;
    const conversation = str(e.conversation);
    if (conversation === null ? conversations.size !== 1 : !conversations.has(conversation))
      problems.push(`${where} names conversation "${conversation ?? '(none)'}", which conversations[] does not define`);
    need(e.participant, where);
    const parent = str(e.parent);
    if (parent !== null) {
      if (!eventIds.has(parent)) problems.push(`${where}'s parent "${parent}" is not an event of this file`);
      else if (eventIds.get(parent) !== conversation) problems.push(`${where}'s parent "${parent}" is in another conversation`);
    }
    for (const r of list(e.reactions)) for (const p of list(r.participants)) need(p, `${where}.reactions`);
    for (const edit of list(e.edits)) need(edit.participant, `${where}.edits`);
    for (const a of list(e.attachments)) {
      attachmentCount++;
      const id = str(a.id) ?? '';
      referenced.add(id);
      if (!files.has(id)) problems.push(`${where} attaches "${id}", which is not in ${RSMF_ZIP}`);
    }
    const timestamp = str(e.timestamp);
    if (timestamp !== null) {
      if (!/(Z|[+-]\d{2}:\d{2})$/u.test(timestamp)) problems.push(`${where}'s timestamp "${timestamp}" has no UTC offset`);
      const ms = Date.parse(timestamp);
      if (!Number.isNaN(ms)) times.push(ms);
    }
  }
  for (const name of files)
    if (name !== RSMF_MANIFEST && !referenced.has(name)) problems.push(`${RSMF_ZIP} holds "${name}", which no event attaches`);

  const headers = read.headers;
  const expectHeader = (name: string, expected: string | null): void => {
    const actual = headers.text(`X-RSMF-${name}`);
    if (actual !== expected)
      problems.push(
        `X-RSMF-${name} is ${actual === null ? 'missing' : `"${actual}"`}, but the manifest gives ${expected === null ? 'none' : `"${expected}"`}`,
      );
  };
  expectHeader('Version', str(m.version));
  if (str(m.version) !== RSMF_VERSION) problems.push(`the manifest's version is ${String(m.version)}, not ${RSMF_VERSION}`);
  expectHeader('EventCount', String(list(m.events).length));
  expectHeader('AttachmentCount', String(attachmentCount));
  expectHeader('EventCollectionID', str(m.eventcollectionid));
  const bound = (name: string, ms: number | null): void => {
    const value = headers.text(`X-RSMF-${name}`);
    if ((value === null) !== (ms === null) || (value !== null && Date.parse(value) !== ms))
      problems.push(
        `X-RSMF-${name} is ${value ?? 'missing'}, but the events ${ms === null ? 'are undated' : `run ${name === 'BeginDate' ? 'from' : 'to'} ${new Date(ms).toISOString()}`}`,
      );
  };
  // A loop, not Math.min(...times): a conversation can hold more events than a call takes arguments.
  let earliest: number | null = null;
  let latest: number | null = null;
  for (const t of times) {
    if (earliest === null || t < earliest) earliest = t;
    if (latest === null || t > latest) latest = t;
  }
  bound('BeginDate', earliest);
  bound('EndDate', latest);
  return problems;
}

/** Every problem of an `.rsmf` file: its structure, the official schema, our rules. */
export async function rsmfProblems(bytes: Uint8Array): Promise<{ read: ReadRsmf | null; problems: string[] }> {
  let read: ReadRsmf;
  try {
    read = await readRsmf(bytes);
  } catch (err) {
    return { read: null, problems: [`it cannot be read as an RSMF e-mail: ${(err as Error).message}`] };
  }
  if (read.manifest === null) return { read, problems: [...read.problems] };
  const problems = [...read.problems];
  if (!validateManifest(read.manifest)) problems.push(...(validateManifest.errors ?? []).map(schemaProblem));
  else problems.push(...rsmfRuleProblems(read));
  return { read, problems };
}

/** Throws RsmfInvalidError unless `bytes` is a valid RSMF 2.0 file. */
export async function validateRsmf(file: string, bytes: Uint8Array): Promise<ReadRsmf> {
  const { read, problems } = await rsmfProblems(bytes);
  if (problems.length > 0 || read === null) throw new RsmfInvalidError(file, problems);
  return read;
}
