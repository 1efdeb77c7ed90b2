import type { SourceFormat } from '../domain/model';

/** How each format is named to the user. */
export const FORMAT_LABELS: Readonly<Record<SourceFormat, string>> = {
  whatsapp: 'WhatsApp export',
  sms_backup_restore: 'SMS Backup & Restore XML',
  telegram: 'Telegram Desktop JSON',
  imessage: 'iMessage database',
  cellebrite_ufdr: 'Cellebrite UFDR',
  rsmf: 'RSMF 2.0',
};
