import type { ConversationKind, Platform } from '../../../common/domain/model';
import type { ConversationInfo } from '../../../common/contract';
import { plural } from '../../format';
import { shortDate } from './timeFormat';

const PLATFORM_NAMES: Readonly<Record<Platform, string>> = {
  whatsapp: 'WhatsApp',
  sms: 'SMS',
  imessage: 'iMessage',
  telegram: 'Telegram',
  signal: 'Signal',
  other: 'Other app',
};

const KIND_NAMES: Readonly<Record<ConversationKind, string>> = {
  direct: 'one-to-one',
  group: 'group',
  channel: 'channel',
  unknown: 'kind unknown',
};

/** The platform's name, or the application the source names where the case's platforms have no word for it. */
export const platformName = (platform: Platform, application: string | null = null): string =>
  platform === 'other' && application !== null ? application : PLATFORM_NAMES[platform];

/** "20 Mar 2021 – 5 Nov 2021" in the case's zone, or that no message had a time. */
export function dateRange(conversation: ConversationInfo, timeZone: string): string {
  const { firstAt, lastAt } = conversation;
  if (firstAt === null || lastAt === null) return 'no dated messages';
  const first = shortDate(firstAt, timeZone);
  const last = shortDate(lastAt, timeZone);
  return first === last ? first : `${first} – ${last}`;
}

/** "WhatsApp one-to-one · Fiona Laird · 57 messages · 20 Mar 2021 – 5 Nov 2021". */
export function conversationSummary(conversation: ConversationInfo, timeZone: string): string {
  return [
    `${platformName(conversation.platform, conversation.application)} ${KIND_NAMES[conversation.kind]}`,
    conversation.custodian,
    plural(conversation.messages, 'message'),
    dateRange(conversation, timeZone),
  ].join(' · ');
}
