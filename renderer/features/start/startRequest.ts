/**
 * Why the start screen is showing and where the keyboard should land: on the recent cases (after
 * launch or closing a case) or on a form (Ctrl/Cmd+N, Ctrl/Cmd+O). `seq` makes a repeated request,
 * such as a second Ctrl+N, move focus again.
 */
export type StartTab = 'create' | 'open';

export interface StartRequest {
  readonly tab: StartTab;
  readonly focus: 'recent' | 'form';
  readonly seq: number;
}

export const FIRST_FIELD_ID: Readonly<Record<StartTab, string>> = { create: 'new-case-name', open: 'open-case-path' };
