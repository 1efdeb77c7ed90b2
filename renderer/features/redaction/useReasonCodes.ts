import type { ReasonCodeInfo } from '../../../common/contract/channels/redaction';
import { desk } from '../../api';
import { useLoaded } from '../../app/useLoaded';

/** The case's reason codes with their current labels; read again when `key` changes (a label edited). */
export function useReasonCodes(key: string): readonly ReasonCodeInfo[] {
  const reasons = useLoaded(() => desk().listReasonCodes(), key);
  return reasons.status === 'ready' ? reasons.value : [];
}

/**
 * The reason the case's newest redaction gave, which a reason picker starts on: read from the case,
 * so it holds across screens, windows and reopening. Null before the first redaction (and while
 * reading): the reviewer then chooses one.
 */
export function useLastReason(key: string): string | null {
  const last = useLoaded(() => desk().lastUsedReasonCode(), key);
  return last.status === 'ready' ? last.value : null;
}
