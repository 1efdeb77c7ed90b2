import { useState } from 'react';
import type { SourceFormat } from '../../../common/domain/model';
import { desk, errorMessage } from '../../api';

export type Detection =
  | { readonly status: 'checking' }
  | { readonly status: 'recognised'; readonly format: SourceFormat; readonly label: string }
  | { readonly status: 'problem'; readonly problem: string };

export interface QueuedPath {
  readonly path: string;
  readonly detection: Detection;
}

export interface ImportQueue {
  readonly items: readonly QueuedPath[];
  /** Adds paths not already queued and checks each one's format; returns how many were new. */
  readonly add: (paths: readonly string[]) => number;
  readonly remove: (path: string) => void;
  readonly removeAll: (paths: readonly string[]) => void;
}

async function detect(path: string): Promise<Detection> {
  try {
    const result = await desk().detectImport({ path });
    if (result.format === null) return { status: 'problem', problem: result.problem ?? 'The format of this file was not recognised.' };
    return { status: 'recognised', format: result.format, label: result.label };
  } catch (err) {
    return { status: 'problem', problem: errorMessage(err) };
  }
}

/** The files and folders chosen for import, each checked by main before anything is imported. */
export function useImportQueue(): ImportQueue {
  const [items, setItems] = useState<readonly QueuedPath[]>([]);

  const settle = (path: string, detection: Detection): void =>
    setItems((current) => current.map((item) => (item.path === path ? { path, detection } : item)));

  return {
    items,
    add(paths) {
      const known = new Set(items.map((item) => item.path));
      const fresh = [...new Set(paths.map((path) => path.trim()).filter((path) => path !== '' && !known.has(path)))];
      if (fresh.length === 0) return 0;
      setItems((current) => [...current, ...fresh.map((path) => ({ path, detection: { status: 'checking' } as const }))]);
      for (const path of fresh) {
        const check = async (): Promise<void> => settle(path, await detect(path));
        void check();
      }
      return fresh.length;
    },
    remove: (path) => setItems((current) => current.filter((item) => item.path !== path)),
    removeAll: (paths) => setItems((current) => current.filter((item) => !paths.includes(item.path))),
  };
}
