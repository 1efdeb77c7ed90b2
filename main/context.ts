import type { EventName, PayloadOf } from '../common/contract';

/**
 * What the handlers need from their host — Electron or the Chromium shell or a test — injected so
 * that no service imports electron.
 */
export interface DialogAdapter {
  /** True when the host can show native open/save dialogs. */
  readonly native: boolean;
  chooseCasePath(purpose: 'create' | 'open', suggestedName: string | undefined): Promise<string | null>;
  /** Exports to import: files (zip, txt, xml, json, db, ufdr, rsmf) or, with `folders`, export folders. */
  chooseImportPaths(folders: boolean): Promise<string[]>;
  /** Where to save an export file (a keyword hit report), or null when the reviewer cancelled. */
  chooseSavePath(suggestedName: string, kind: 'csv'): Promise<string | null>;
  /** A folder (where a bundle goes), or null when the reviewer cancelled. */
  chooseFolder(purpose: 'bundle'): Promise<string | null>;
}

/** What the desktop around the window can do beyond dialogs. */
export interface Desktop {
  /** Shows a folder in the system's file manager (a finished bundle's output folder). */
  openFolder(path: string): Promise<void>;
}

/** Sends an event to the renderer; the host validates it against the contract. */
export type Emit = <E extends EventName>(event: E, payload: PayloadOf<E>) => void;

export interface HostContext {
  readonly shell: 'electron' | 'chromium';
  readonly appVersion: string;
  /** Per-user settings (recent cases); never case data. */
  readonly settingsDir: string;
  readonly defaultCaseFolder: string;
  /** Who is at the keyboard, for the audit log. */
  readonly actor: string;
  readonly dialogs: DialogAdapter;
  /** Null where no file manager can be shown (a headless window, tests): the UI offers the path instead. */
  readonly desktop: Desktop | null;
  readonly emit: Emit;
}

/** Used where no native dialog exists: the renderer then asks for a path in a text field. */
export const noDialogs: DialogAdapter = {
  native: false,
  chooseCasePath: async () => null,
  chooseImportPaths: async () => [],
  chooseSavePath: async () => null,
  chooseFolder: async () => null,
};
