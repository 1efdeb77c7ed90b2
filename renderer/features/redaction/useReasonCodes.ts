import type { ReasonCodeInfo } from '../../../preload/channels/redaction';
import { desk } from '../../api';
import { useLoaded } from '../../app/useLoaded';

/** The case's reason codes with their current labels; read again when `key` changes (a label edited). */
export function useReasonCodes(key: string): readonly ReasonCodeInfo[] {
  const reasons = useLoaded(() => desk().listReasonCodes(), key);
  return reasons.status === 'ready' ? reasons.value : [];
}
