/**
 * Finds the chats and messages in a Telegram Desktop export as its tokens stream past, so that only one
 * message is ever held in memory. Two shapes exist: a single-chat export, whose root object is the chat
 * (`name`, `type`, `id`, `messages`), and a full export, whose chats sit in `chats.list[]` and
 * `left_chats.list[]` beside the account's `personal_information`. Everything else (contacts, sessions,
 * stories…) is skipped without being assembled.
 */
import type { JsonHandler, JsonObject, JsonScalar, TokenPosition } from './json-tokenizer';
import { ValueBuilder, isJsonObject } from './json-tokenizer';

export interface ChatHeader {
  readonly name: string | null;
  readonly type: string | null;
  readonly id: string | null;
}

export interface MessageSpan {
  readonly lineStart: number;
  readonly lineEnd: number;
  readonly startOffset: number;
  readonly endOffset: number;
}

export interface ExportSink<Chat> {
  ownerInformation(info: JsonObject): void;
  /** A chat's `messages` array opens; the writer puts `name`, `type` and `id` before it. */
  chatStart(header: ChatHeader, line: number): Chat;
  message(chat: Chat, message: JsonObject, span: MessageSpan): void;
}

type Role = 'root' | 'section' | 'chat-list' | 'chat' | 'messages' | 'skip';
type Target = Role | 'message' | 'owner';

interface Frame<Chat> {
  readonly role: Role;
  key: string | null;
  /** Root and chat objects: the header fields seen so far. */
  readonly header: { name: string | null; type: string | null; id: string | null };
  /** A messages array: the chat its messages belong to. */
  readonly chat: Chat | null;
}

interface Capture {
  readonly builder: ValueBuilder;
  readonly target: 'message' | 'owner';
  readonly start: TokenPosition;
  depth: number;
}

const HEADER_KEYS = new Set(['name', 'type', 'id']);

export class ExportWalker<Chat> implements JsonHandler {
  private readonly frames: Frame<Chat>[] = [];
  private capture: Capture | null = null;
  private chats = 0;

  constructor(private readonly sink: ExportSink<Chat>) {}

  /** How many chats (messages arrays) the file held. */
  get chatCount(): number {
    return this.chats;
  }

  startObject(at: TokenPosition): void {
    this.open('object', at);
  }

  startArray(at: TokenPosition): void {
    this.open('array', at);
  }

  endObject(at: TokenPosition): void {
    this.close(at, (builder) => builder.endObject());
  }

  endArray(at: TokenPosition): void {
    this.close(at, (builder) => builder.endArray());
  }

  key(name: string): void {
    if (this.capture) this.capture.builder.key(name);
    else {
      const top = this.frames[this.frames.length - 1];
      if (top) top.key = name;
    }
  }

  scalar(value: JsonScalar): void {
    if (this.capture) {
      this.capture.builder.scalar(value);
      return;
    }
    const top = this.frames[this.frames.length - 1];
    if ((top?.role === 'root' || top?.role === 'chat') && top.key !== null && HEADER_KEYS.has(top.key)) {
      const text = value === null ? null : String(value);
      if (top.key === 'name') top.header.name = text;
      else if (top.key === 'type') top.header.type = text;
      else top.header.id = text;
    }
  }

  private open(type: 'object' | 'array', at: TokenPosition): void {
    if (this.capture) {
      this.capture.depth++;
      if (type === 'object') this.capture.builder.startObject();
      else this.capture.builder.startArray();
      return;
    }
    const parent = this.frames[this.frames.length - 1];
    const target = parent ? this.targetOf(parent, type) : type === 'object' ? 'root' : 'skip';
    if (target === 'message' || target === 'owner') {
      const builder = new ValueBuilder();
      builder.startObject();
      this.capture = { builder, target, start: at, depth: 1 };
      return;
    }
    let chat: Chat | null = null;
    if (target === 'messages' && parent) {
      chat = this.sink.chatStart(parent.header, at.line);
      this.chats++;
    }
    this.frames.push({ role: target, key: null, header: { name: null, type: null, id: null }, chat });
  }

  private targetOf(parent: Frame<Chat>, type: 'object' | 'array'): Target {
    const wanted = (role: Target, shape: 'object' | 'array'): Target => (type === shape ? role : 'skip');
    switch (parent.role) {
      case 'root':
        if (parent.key === 'messages') return wanted('messages', 'array');
        if (parent.key === 'chats' || parent.key === 'left_chats') return wanted('section', 'object');
        if (parent.key === 'personal_information') return wanted('owner', 'object');
        return 'skip';
      case 'section':
        return parent.key === 'list' ? wanted('chat-list', 'array') : 'skip';
      case 'chat-list':
        return wanted('chat', 'object');
      case 'chat':
        return parent.key === 'messages' ? wanted('messages', 'array') : 'skip';
      case 'messages':
        return wanted('message', 'object');
      case 'skip':
        return 'skip';
    }
  }

  private close(at: TokenPosition, closeCaptured: (builder: ValueBuilder) => void): void {
    const capture = this.capture;
    if (!capture) {
      this.frames.pop();
      return;
    }
    closeCaptured(capture.builder);
    if (--capture.depth > 0) return;
    this.capture = null;
    // Only objects are captured, so the guard never drops anything; it tells the compiler so.
    const value = capture.builder.value;
    if (!isJsonObject(value)) return;
    if (capture.target === 'owner') {
      this.sink.ownerInformation(value);
      return;
    }
    const chat = this.frames[this.frames.length - 1]?.chat;
    if (chat === undefined || chat === null) return;
    this.sink.message(chat, value, {
      lineStart: capture.start.line,
      lineEnd: at.line,
      startOffset: capture.start.offset,
      endOffset: at.offset,
    });
  }
}
