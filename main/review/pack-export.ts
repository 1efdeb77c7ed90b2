/**
 * Exporting a custodian check pack: one custodian's material, with its current decisions, as a new
 * case file (mode custodian_check) that their private office opens in the app to flag items
 * "personal — please withhold". Row ids are kept, so a flag on message #n in the pack is a flag on
 * message #n here; the pack records this case's id and its own pack id, and this case records the
 * pack's message set and a hash of its content, so its flags can only come back here, once, from
 * this very pack (pack-import.ts).
 *
 * The pack also carries this case's audit chain head at export, in the details of its own first
 * entry (`pack.created`, `parentAuditChainHead`), and this case's `pack.exported` entry records the
 * same head: a log rewritten after the export no longer holds it (`audit --verify --against`).
 *
 * What is left out, deliberately: other custodians' material, duplicate-group links and resolved
 * identities (people), which would reveal who else holds or appears in a message; redactions and
 * the decision history (the pack shows current decisions only, as the issue asks).
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { closeCaseFile, createCaseFile, type ReadableDB, type WritableDB } from '../../db/connection';
import { schemaVersionOf } from '../../db/migrations';
import { getCaseMeta, insertCaseMeta } from '../../db/queries/case-meta';
import { packMessageIds, recordPack } from '../../db/queries/pack';
import { attachParent, copyCustodianFromParent, custodianNameById, detachParent, insertPackEntry } from '../../db/queries/pack-copy';
import { transaction } from '../../db/queries/run';
import { auditHead } from '../../db/queries/audit';
import { appendAudit } from '../audit/log';
import { CustodianNotFoundError } from './errors';
import { assertFullCase } from './mode';
import { packContentSha256 } from './pack-content';
import { installPackGuards } from './pack-guard';

export interface PackExport {
  readonly packId: string;
  readonly path: string;
  readonly custodian: string;
  readonly conversations: number;
  readonly messages: number;
  readonly sha256: string;
}

export interface Who {
  readonly actor: string;
  readonly appVersion: string;
}

function custodianName(db: ReadableDB, custodianId: number): string {
  const name = custodianNameById(db, custodianId);
  if (name === undefined) throw new CustodianNotFoundError(custodianId);
  return name;
}

const fileSha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

export function exportPack(db: WritableDB, custodianId: number, outPath: string, who: Who, at = Date.now()): PackExport {
  assertFullCase(db, 'exporting a custodian check pack');
  const parent = getCaseMeta(db);
  if (!parent) throw new Error('the case has no case details (case_meta is empty)');
  const custodian = custodianName(db, custodianId);
  const path = resolve(outPath);
  const packId = randomUUID();
  const chainHead = auditHead(db) ?? null;

  const pack = createCaseFile(path);
  let counts: { messages: number; conversations: number };
  try {
    attachParent(pack, db.name);
    try {
      counts = transaction(pack, () => {
        const copied = copyCustodianFromParent(pack, custodianId);
        insertCaseMeta(pack, {
          ...parent,
          caseId: randomUUID(),
          name: `${parent.name} — custodian check: ${custodian}`,
          mode: 'custodian_check',
          createdAt: at,
          createdBy: who.actor,
          appVersion: who.appVersion,
        });
        insertPackEntry(pack, {
          packId,
          parentCaseId: parent.caseId,
          custodianId,
          custodian,
          messages: copied.messages,
          fileName: basename(path),
          at,
          actor: who.actor,
        });
        appendAudit(pack, {
          actor: who.actor,
          action: 'pack.created',
          subject: `pack:${packId}`,
          at,
          details: {
            parentCaseId: parent.caseId,
            parentAuditChainHead: chainHead,
            custodian,
            messages: copied.messages,
            conversations: copied.conversations,
          },
        });
        installPackGuards(pack);
        return copied;
      });
    } finally {
      detachParent(pack);
    }
  } catch (err) {
    closeCaseFile(pack);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
    throw err;
  }
  // What the case records of the pack, read from the pack as written: the message set and the hash
  // of everything it may not change, checked when the pack comes back (pack-import.ts).
  let record: { version: number; contentSha256: string; messageIds: number[] };
  try {
    record = { version: schemaVersionOf(pack), contentSha256: packContentSha256(pack), messageIds: packMessageIds(pack) };
  } finally {
    closeCaseFile(pack);
  }
  const sha256 = fileSha256(path);

  transaction(db, () => {
    insertPackEntry(db, {
      packId,
      parentCaseId: parent.caseId,
      custodianId,
      custodian,
      messages: counts.messages,
      fileName: basename(path),
      at,
      actor: who.actor,
    });
    recordPack(db, packId, record.version, record.contentSha256, record.messageIds);
    appendAudit(db, {
      actor: who.actor,
      action: 'pack.exported',
      subject: `pack:${packId}`,
      at,
      details: {
        custodianId,
        custodian,
        file: basename(path),
        sha256,
        contentSha256: record.contentSha256,
        messages: counts.messages,
        conversations: counts.conversations,
        auditChainHead: chainHead,
      },
    });
  });
  return { packId, path, custodian, ...counts, sha256 };
}
