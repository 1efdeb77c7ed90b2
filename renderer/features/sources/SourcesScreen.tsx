import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';

export function SourcesScreen() {
  return (
    <>
      <ScreenHeader title="Sources" description="The files collected from each custodian’s devices, as imported." />
      <EmptyState
        title="No sources yet"
        arrivesWith="Importing arrives with the import feature."
        capabilities={[
          'Import a WhatsApp export (.txt or .zip), an Android SMS Backup & Restore XML, a Telegram Desktop JSON export, an iMessage chat.db, a Cellebrite UFDR report or an RSMF file — by drag and drop or by choosing files.',
          'Each source is recorded against its custodian and device, with its SHA-256, size and import time; it is never changed after import.',
          'Progress while importing, and every warning, repair and time-zone assumption made along the way.',
        ]}
      >
        This case does not hold any collected material. Sources are the custodians’ message exports; everything you
        review, search, redact and disclose comes from them.
      </EmptyState>
    </>
  );
}
