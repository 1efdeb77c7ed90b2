/**
 * The one contract between main and renderer: every channel's name, the API method it becomes, and
 * zod schemas for its arguments and result. Main parses every payload against it before a handler
 * runs; the preload bridge and the Chromium shell both build the renderer's API from it. Runtime-
 * neutral: no Node, no DOM.
 */
import { z } from 'zod';
import {
  CASE_MODES,
  CLASSIFICATIONS,
  OUTCOMES,
  RELEVANCES,
  CONVERSATION_KINDS,
  DATE_ORDERS,
  DELETED_KINDS,
  DIRECTIONS,
  EDITED_KINDS,
  MESSAGE_KINDS,
  PLATFORMS,
  SOURCE_FORMATS,
  SOURCE_NOTE_KINDS,
  DEFAULT_PROTECTIVE_MARKING,
  DEFAULT_TIME_ZONE,
  SUMMARY_COUNTS,
  type CaseCounts,
  type CaseInfo,
  type RecentCase,
} from '../domain/model';
import type {
  ConversationInfo,
  CustodianInfo,
  SourceInfo,
  SourceNote,
  SourceNotesPage,
  TimelineAttachment,
  TimelineMessage,
  TimelineWindow,
} from '../domain/browse';
import type { FormatDetection, ImportArgs as ImportArgsType } from '../domain/import-request';
import type { Locator } from '../domain/parsed';
import { isValidTimeZone } from '../domain/time';
import type { AllCarried, Carries } from './carries';
import { Id, JobId, NoArgs } from './channels/common';
import { redactionChannels, redactionEvents } from './channels/redaction';
import { exportChannels, exportEvents } from './channels/export';
import { reviewChannels } from './channels/review';
import { attachmentReviewChannels } from './channels/attachment-review';
import { attachmentViewChannels } from './channels/attachment-view';
import { thumbnailChannels } from './channels/thumbnails';
import { imageRedactionChannels } from './channels/image-redaction';
import { searchChannels, searchEvents } from './channels/search';
import { auditChannels, auditEvents } from './channels/audit';

export const CASE_EXTENSION = '.ddcase';

export const CasePath = z
  .string()
  .trim()
  .min(1, 'choose where the case file goes')
  .max(4096)
  .refine((p) => p.toLowerCase().endsWith(CASE_EXTENSION), `a case file name ends in ${CASE_EXTENSION}`)
  .refine((p) => !p.includes('\0'), 'the path contains a NUL character');

export const TimeZone = z.string().trim().refine(isValidTimeZone, 'not a known IANA time zone (e.g. Europe/London)');

export const ReferencePrefix = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_-]{0,15}$/, 'use 1-16 capital letters, digits, "-" or "_", starting with a letter (e.g. INQ)');

export const CaseDetailsInput = z
  .object({
    name: z
      .string({ error: (issue) => (issue.input === undefined ? 'a case name is required' : 'the case name must be text') })
      .trim()
      .min(1, 'a case name is required')
      .max(200),
    inquiry: z.string().trim().max(300).default(''),
    requestReference: z.string().trim().max(200).default(''),
    referencePrefix: ReferencePrefix.default('INQ'),
    protectiveMarking: z.string().trim().max(100).default(DEFAULT_PROTECTIVE_MARKING),
    defaultTimeZone: TimeZone.default(DEFAULT_TIME_ZONE),
  })
  .strict();

export const CreateCaseArgs = CaseDetailsInput.extend({ path: CasePath }).strict();
export type CreateCaseArgs = z.output<typeof CreateCaseArgs>;

export const CaseInfoSchema = z
  .object({
    caseId: z.string(),
    path: z.string(),
    name: z.string(),
    inquiry: z.string(),
    requestReference: z.string(),
    referencePrefix: z.string(),
    protectiveMarking: z.string(),
    defaultTimeZone: z.string(),
    schemaVersion: z.number().int(),
    mode: z.enum(CASE_MODES),
    createdAt: z.number(),
    readOnly: z.boolean(),
  })
  .strict();

export const CaseCountsSchema = z.object(
  Object.fromEntries(SUMMARY_COUNTS.map((key) => [key, z.number().int().nonnegative()])) as Record<
    (typeof SUMMARY_COUNTS)[number],
    z.ZodNumber
  >,
);

export const RecentCaseSchema = z.object({ path: z.string(), name: z.string(), openedAt: z.number(), exists: z.boolean() }).strict();

export const AppInfoSchema = z
  .object({
    version: z.string(),
    shell: z.enum(['electron', 'chromium']),
    /** False in the Chromium shell, which has no native file dialogs: the UI shows a path field instead. */
    nativeDialogs: z.boolean(),
    /** True where the host can show a folder in the file manager (a bundle's output folder). */
    canOpenFolders: z.boolean(),
    defaultCaseFolder: z.string(),
    user: z.string(),
  })
  .strict();
export type AppInfo = z.output<typeof AppInfoSchema>;

/** What one import needs: the file or folder, whose device it came from, and how to read its times. */
export const ImportArgs = z
  .object({
    path: z.string().trim().min(1, 'choose a file or folder to import').max(4096),
    custodian: z
      .string({
        error: (issue) => (issue.input === undefined ? 'name the custodian whose device this came from' : 'the custodian must be text'),
      })
      .trim()
      .min(1, 'name the custodian whose device this came from')
      .max(200),
    device: z.string().trim().max(200).optional(),
    format: z.enum(SOURCE_FORMATS).optional(),
    timeZone: TimeZone.optional(),
    dateOrder: z.enum(DATE_ORDERS).optional(),
    /** Refuse a file with a stray line, NUL bytes or a cut-off tail instead of importing what is whole. */
    strict: z.boolean().optional(),
  })
  .strict();
export type ImportArgs = ImportArgsType;

export const CustodianSchema = z
  .object({ id: Id, name: z.string(), role: z.string(), sources: z.number().int(), messages: z.number().int() })
  .strict();

export const SourceSchema = z
  .object({
    id: Id,
    custodianId: Id,
    custodian: z.string(),
    deviceLabel: z.string(),
    format: z.enum(SOURCE_FORMATS),
    formatLabel: z.string(),
    producer: z.string().nullable(),
    producerVersion: z.string().nullable(),
    fileName: z.string(),
    filePath: z.string(),
    fileSize: z.number().int(),
    sha256: z.string(),
    importedAt: z.number(),
    importedBy: z.string(),
    parserVersion: z.string(),
    timeZone: z.string(),
    dateOrder: z.enum(DATE_ORDERS).nullable(),
    dateOrderBasis: z.enum(['inferred', 'given']).nullable(),
    messages: z.number().int(),
    conversations: z.number().int(),
    participants: z.number().int(),
    attachments: z.number().int(),
    warnings: z.number().int(),
    repairs: z.number().int(),
    assumptions: z.number().int(),
    zoneCheck: z.string().nullable(),
  })
  .strict();

export const LocatorSchema = z
  .object({
    file: z.string(),
    lineStart: z.number().int().optional(),
    lineEnd: z.number().int().optional(),
    record: z.string().optional(),
    byteOffset: z.number().int().optional(),
  })
  .strict();

export const SourceNoteSchema = z
  .object({ kind: z.enum(SOURCE_NOTE_KINDS), message: z.string(), locator: LocatorSchema.nullable() })
  .strict();

export const ConversationSchema = z
  .object({
    id: Id,
    sourceId: Id,
    custodian: z.string(),
    platform: z.enum(PLATFORMS),
    kind: z.enum(CONVERSATION_KINDS),
    title: z.string(),
    messages: z.number().int(),
    participants: z.number().int(),
    firstAt: z.number().nullable(),
    lastAt: z.number().nullable(),
    application: z.string().nullable(),
  })
  .strict();

export const TimelineMessageSchema = z
  .object({
    id: Id,
    position: z.number().int().nonnegative(),
    sentAt: z.number().nullable(),
    sentAtRaw: z.string().nullable(),
    tzBasis: z.string(),
    sender: z.string().nullable(),
    senderParticipantId: Id.nullable(),
    /** The live redaction of the sender's label: the bundle prints a box with this reason instead of the name. */
    senderRedaction: z.object({ id: Id, reasonCode: z.string(), label: z.string() }).strict().nullable(),
    senderIsOwner: z.boolean(),
    direction: z.enum(DIRECTIONS),
    kind: z.enum(MESSAGE_KINDS),
    systemKind: z.string().nullable(),
    body: z.string(),
    edited: z.enum(EDITED_KINDS),
    editMarkerAt: z.number().int().nonnegative().nullable(),
    deleted: z.enum(DELETED_KINDS),
    replyToMessageId: z.number().int().nullable(),
    confidence: z.enum(['high', 'low']),
    locator: LocatorSchema,
    attachments: z.array(
      z
        .object({
          fileName: z.string().nullable(),
          mime: z.string().nullable(),
          size: z.number().int().nullable(),
          present: z.boolean(),
          missingReason: z.string().nullable(),
          detectedMime: z.string().nullable(),
          notes: z.array(z.string()),
          id: Id,
          /** Its decision as it takes effect (its own fields, else its message's); `own`: any field is its own. */
          decision: z
            .object({ classification: z.enum(CLASSIFICATIONS), relevance: z.enum(RELEVANCES), outcome: z.enum(OUTCOMES), own: z.boolean() })
            .strict(),
        })
        .strict(),
    ),
    reactions: z.array(z.object({ actor: z.string(), reaction: z.string() }).strict()),
    /** The current review decision (defaults when the message has not been reviewed). */
    classification: z.enum(CLASSIFICATIONS),
    relevance: z.enum(RELEVANCES),
    outcome: z.enum(OUTCOMES),
    /** Live redactions, so the timeline can draw them in place (UTF-16 offsets; null for a whole item). */
    redactions: z.array(
      z
        .object({
          id: Id,
          kind: z.enum(['span', 'whole']),
          start: z.number().int().nullable(),
          end: z.number().int().nullable(),
          reasonCode: z.string(),
          label: z.string(),
        })
        .strict(),
    ),
  })
  .strict();

export const ImportSummarySchema = z
  .object({
    sourceId: Id,
    format: z.enum(SOURCE_FORMATS),
    fileName: z.string(),
    sha256: z.string(),
    conversations: z.number().int(),
    messages: z.number().int(),
    participants: z.number().int(),
    attachments: z.number().int(),
    duplicatesGrouped: z.number().int(),
    notes: z.object({ warnings: z.number().int(), repairs: z.number().int(), assumptions: z.number().int() }).strict(),
  })
  .strict();

/** Every channel: `channel: { method, args, result }`. Adding a channel here is the whole registration. */
export const contract = {
  'app.info': { method: 'appInfo', args: NoArgs, result: AppInfoSchema },
  'case.create': { method: 'createCase', args: CreateCaseArgs, result: CaseInfoSchema },
  'case.open': { method: 'openCase', args: z.object({ path: CasePath }).strict(), result: CaseInfoSchema },
  'case.close': { method: 'closeCase', args: NoArgs, result: z.null() },
  'case.current': { method: 'currentCase', args: NoArgs, result: CaseInfoSchema.nullable() },
  'case.recent': { method: 'recentCases', args: NoArgs, result: z.array(RecentCaseSchema) },
  'case.forgetRecent': {
    method: 'forgetRecentCase',
    args: z.object({ path: z.string().min(1).max(4096) }).strict(),
    result: z.array(RecentCaseSchema),
  },
  'case.summary': {
    method: 'caseSummary',
    args: NoArgs,
    result: z.object({ info: CaseInfoSchema, counts: CaseCountsSchema }).strict(),
  },
  'custodians.list': { method: 'listCustodians', args: NoArgs, result: z.array(CustodianSchema) },
  'custodians.add': {
    method: 'addCustodian',
    args: z
      .object({ name: z.string().trim().min(1, 'give the custodian a name').max(200), role: z.string().trim().max(200).default('') })
      .strict(),
    result: CustodianSchema,
  },
  'sources.list': { method: 'listSources', args: NoArgs, result: z.array(SourceSchema) },
  'sources.notes': {
    method: 'sourceNotes',
    args: z
      .object({ sourceId: Id, limit: z.number().int().min(1).max(1000).default(200), offset: z.number().int().min(0).default(0) })
      .strict(),
    result: z.object({ total: z.number().int(), notes: z.array(SourceNoteSchema) }).strict(),
  },
  // The import form is showing: main gets a job worker ready, so the import that follows starts at once.
  'import.prepare': { method: 'prepareImport', args: NoArgs, result: z.null() },
  'import.detect': {
    method: 'detectImport',
    args: z.object({ path: z.string().trim().min(1).max(4096) }).strict(),
    result: z.object({ format: z.enum(SOURCE_FORMATS).nullable(), label: z.string(), problem: z.string().nullable() }).strict(),
  },
  'import.start': { method: 'startImport', args: ImportArgs, result: z.object({ jobId: JobId }).strict() },
  'job.cancel': { method: 'cancelJob', args: z.object({ jobId: JobId }).strict(), result: z.null() },
  'conversations.list': {
    method: 'listConversations',
    args: z.object({ sourceId: Id.optional() }).strict(),
    result: z.array(ConversationSchema),
  },
  'messages.window': {
    method: 'timelineWindow',
    args: z.object({ conversationId: Id, from: z.number().int().min(0), count: z.number().int().min(1).max(500) }).strict(),
    result: z.object({ total: z.number().int(), messages: z.array(TimelineMessageSchema) }).strict(),
  },
  'dialog.chooseImportPaths': {
    method: 'chooseImportPaths',
    args: z.object({ folders: z.boolean().default(false) }).strict(),
    result: z.object({ paths: z.array(z.string()) }).strict(),
  },
  'dialog.chooseCasePath': {
    method: 'chooseCasePath',
    args: z.object({ purpose: z.enum(['create', 'open']), suggestedName: z.string().max(200).optional() }).strict(),
    result: z.object({ path: z.string().nullable() }).strict(),
  },
  ...searchChannels,
  ...reviewChannels,
  ...attachmentReviewChannels,
  ...attachmentViewChannels,
  ...thumbnailChannels,
  ...imageRedactionChannels,
  ...redactionChannels,
  ...exportChannels,
  ...auditChannels,
} as const;

export const MENU_COMMANDS = ['new-case', 'open-case', 'close-case', 'show-shortcuts'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** Events main sends to the renderer: `event: { method, payload }`; the method subscribes a listener. */
export const JobProgressSchema = z
  .object({
    jobId: JobId,
    kind: z.literal('import'),
    label: z.string(),
    phase: z.enum(['queued', 'hashing', 'reading', 'finishing', 'indexing']),
    bytesRead: z.number().nonnegative(),
    bytesTotal: z.number().nonnegative(),
    messages: z.number().int().nonnegative(),
  })
  .strict();
export type JobProgress = z.output<typeof JobProgressSchema>;

export const JobFinishedSchema = z.discriminatedUnion('ok', [
  z.object({ jobId: JobId, kind: z.literal('import'), label: z.string(), ok: z.literal(true), summary: ImportSummarySchema }).strict(),
  z
    .object({
      jobId: JobId,
      kind: z.literal('import'),
      label: z.string(),
      ok: z.literal(false),
      cancelled: z.boolean(),
      error: z.object({ name: z.string(), message: z.string() }).strict(),
    })
    .strict(),
]);
export type JobFinished = z.output<typeof JobFinishedSchema>;

export const events = {
  'menu.command': { method: 'onMenuCommand', payload: z.object({ command: z.enum(MENU_COMMANDS) }).strict() },
  'job.progress': { method: 'onJobProgress', payload: JobProgressSchema },
  'job.finished': { method: 'onJobFinished', payload: JobFinishedSchema },
  ...searchEvents,
  ...exportEvents,
  ...auditEvents,
  ...redactionEvents,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export type PayloadOf<E extends EventName> = z.output<Events[E]['payload']>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

export type ArgsOf<C extends Channel> = z.output<Contract[C]['args']>;
export type ArgsInputOf<C extends Channel> = z.input<Contract[C]['args']>;
export type ResultOf<C extends Channel> = z.output<Contract[C]['result']>;

/** The browsing records are the domain's (common/domain/browse.ts). */
export type { ConversationInfo, SourceInfo, TimelineAttachment, TimelineMessage };

/** Each schema carries exactly its domain type (./carries.ts); inline results by their channel. */
export type ContractWire = AllCarried<
  [
    Carries<typeof CaseInfoSchema, CaseInfo>,
    Carries<typeof CaseCountsSchema, CaseCounts>,
    Carries<typeof RecentCaseSchema, RecentCase>,
    Carries<typeof ImportArgs, ImportArgsType>,
    Carries<Contract['import.detect']['result'], FormatDetection>,
    Carries<typeof CustodianSchema, CustodianInfo>,
    Carries<typeof SourceSchema, SourceInfo>,
    Carries<typeof LocatorSchema, Locator>,
    Carries<typeof SourceNoteSchema, SourceNote>,
    Carries<Contract['sources.notes']['result'], SourceNotesPage>,
    Carries<typeof ConversationSchema, ConversationInfo>,
    Carries<typeof TimelineMessageSchema, TimelineMessage>,
    Carries<Contract['messages.window']['result'], TimelineWindow>,
  ]
>;

export const isChannel = (value: unknown): value is Channel =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);

/** What crosses the transport: errors travel as data so both transports report them identically. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { name: string; message: string } };
