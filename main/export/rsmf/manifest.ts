/**
 * The RSMF 2.0.0 manifest (`rsmf_manifest.json`) as the export writes it: the fields of the official
 * schema (schema/rsmf_schema_2_0_0.json) that the case can fill. Ids are strings: participants "P<id>",
 * the conversation "C<id>", events "m<message id>" (every produced message has one, so replies can
 * name their parent).
 */
export const RSMF_VERSION = '2.0.0';
export const RSMF_MANIFEST = 'rsmf_manifest.json';
export const RSMF_ZIP = 'rsmf.zip';

export interface RsmfCustom {
  readonly name: string;
  readonly value: string;
}

export interface RsmfParticipant {
  readonly id: string;
  readonly display?: string;
  readonly email?: string;
  readonly account_id?: string;
  readonly custom?: readonly RsmfCustom[];
}

export interface RsmfConversation {
  readonly id: string;
  readonly display?: string;
  readonly platform: string;
  readonly type?: 'direct' | 'channel';
  readonly participants: readonly string[];
  readonly custodian?: string;
  readonly custom?: readonly RsmfCustom[];
}

export interface RsmfEvent {
  readonly id?: string;
  readonly type: 'message' | 'disclaimer' | 'join' | 'leave' | 'history' | 'unknown';
  readonly parent?: string;
  readonly body?: string;
  readonly participant?: string;
  readonly conversation?: string;
  readonly timestamp?: string;
  readonly deleted?: boolean;
  readonly importance?: 'normal' | 'high';
  readonly reactions?: readonly { readonly value: string; readonly count?: number; readonly participants?: readonly string[] }[];
  readonly attachments?: readonly { readonly id: string; readonly display?: string; readonly size?: number }[];
  readonly edits?: readonly {
    readonly participant: string;
    readonly timestamp?: string;
    readonly previous?: string;
    readonly new?: string;
  }[];
  readonly custom?: readonly RsmfCustom[];
  readonly direction?: 'incoming' | 'outgoing';
}

export interface RsmfManifest {
  readonly version: string;
  readonly eventcollectionid?: string;
  readonly participants: readonly RsmfParticipant[];
  readonly conversations: readonly RsmfConversation[];
  readonly events: readonly RsmfEvent[];
}
