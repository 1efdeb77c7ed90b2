/**
 * The one contract between main and renderer: every channel's name, the API method it becomes, and
 * zod schemas for its arguments and result. Main parses every payload against it before a handler
 * runs; the preload bridge and the Chromium shell both build the renderer's API from it. Runtime-
 * neutral: no Node, no DOM.
 */
import { z } from 'zod';
import {
  CASE_MODES,
  DEFAULT_PROTECTIVE_MARKING,
  DEFAULT_TIME_ZONE,
  SUMMARY_COUNTS,
  type CaseCounts,
  type CaseInfo,
  type RecentCase,
} from '../main/domain/model';
import { isValidTimeZone } from '../main/domain/time';

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
  .strict() satisfies z.ZodType<CaseInfo>;

export const CaseCountsSchema = z.object(
  Object.fromEntries(SUMMARY_COUNTS.map((key) => [key, z.number().int().nonnegative()])) as Record<
    (typeof SUMMARY_COUNTS)[number],
    z.ZodNumber
  >,
) satisfies z.ZodType<CaseCounts>;

export const RecentCaseSchema = z
  .object({ path: z.string(), name: z.string(), openedAt: z.number(), exists: z.boolean() })
  .strict() satisfies z.ZodType<RecentCase>;

export const AppInfoSchema = z
  .object({
    version: z.string(),
    shell: z.enum(['electron', 'chromium']),
    /** False in the Chromium shell, which has no native file dialogs: the UI shows a path field instead. */
    nativeDialogs: z.boolean(),
    defaultCaseFolder: z.string(),
    user: z.string(),
  })
  .strict();
export type AppInfo = z.output<typeof AppInfoSchema>;

const NoArgs = z.object({}).strict();

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
  'dialog.chooseCasePath': {
    method: 'chooseCasePath',
    args: z
      .object({ purpose: z.enum(['create', 'open']), suggestedName: z.string().max(200).optional() })
      .strict(),
    result: z.object({ path: z.string().nullable() }).strict(),
  },
} as const;

export const MENU_COMMANDS = ['new-case', 'open-case', 'close-case', 'show-shortcuts'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** Events main sends to the renderer: `event: { method, payload }`; the method subscribes a listener. */
export const events = {
  'menu.command': { method: 'onMenuCommand', payload: z.object({ command: z.enum(MENU_COMMANDS) }).strict() },
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

export const isChannel = (value: unknown): value is Channel =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);

/** What crosses the transport: errors travel as data so both transports report them identically. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { name: string; message: string } };
