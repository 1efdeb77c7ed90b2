/**
 * The audit log as the list shows it: the count at once, entries a page at a time as the list
 * scrolls to them. Every page of one listing is counted from the same newest entry (`upTo`), so rows
 * never shift under the reviewer; a new filter (or `reload`) starts a fresh listing.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditFilterInput, AuditListEntry } from '../../../common/contract/channels/audit';
import { desk, errorMessage } from '../../api';

export const AUDIT_PAGE = 200;

export interface AuditLog {
  /** Null until the first page arrives. */
  readonly total: number | null;
  readonly entryAt: (index: number) => AuditListEntry | undefined;
  /** Asks for the pages holding rows first..last (inclusive), those not already loaded or on the way. */
  readonly want: (first: number, last: number) => void;
  readonly error: string | null;
}

interface Listing {
  readonly seq: number;
  readonly upTo: number | null;
  readonly total: number | null;
  readonly pages: ReadonlyMap<number, readonly AuditListEntry[]>;
}

export function useAuditLog(filter: AuditFilterInput | null, key: string): AuditLog {
  const [listing, setListing] = useState<Listing>({ seq: 0, upTo: null, total: null, pages: new Map() });
  const [error, setError] = useState<string | null>(null);
  const requested = useRef(new Set<number>());
  const seq = useRef(0);
  const upTo = useRef<number | null>(null);

  const load = useCallback(
    async (page: number, listingSeq: number): Promise<void> => {
      if (!filter) return;
      requested.current.add(page);
      try {
        const result = await desk().auditPage({ filter, upTo: upTo.current, offset: page * AUDIT_PAGE, limit: AUDIT_PAGE });
        if (listingSeq !== seq.current) return;
        upTo.current = result.upTo;
        setListing((current) => ({
          seq: listingSeq,
          upTo: result.upTo,
          total: result.total,
          pages: new Map(current.pages).set(page, result.entries),
        }));
        setError(null);
      } catch (err) {
        requested.current.delete(page);
        if (listingSeq === seq.current) setError(errorMessage(err));
      }
    },
    [filter],
  );

  useEffect(() => {
    seq.current += 1;
    upTo.current = null;
    requested.current = new Set();
    setListing({ seq: seq.current, upTo: null, total: null, pages: new Map() });
    void load(0, seq.current);
  }, [load, key]);

  const want = useCallback(
    (first: number, last: number): void => {
      if (listing.total === null) return;
      for (let page = Math.floor(first / AUDIT_PAGE); page <= Math.floor(last / AUDIT_PAGE); page++) {
        if (page * AUDIT_PAGE < listing.total && !requested.current.has(page)) void load(page, seq.current);
      }
    },
    [listing.total, load],
  );

  const entryAt = useCallback((index: number) => listing.pages.get(Math.floor(index / AUDIT_PAGE))?.[index % AUDIT_PAGE], [listing.pages]);

  return { total: listing.total, entryAt, want, error };
}
