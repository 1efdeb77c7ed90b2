import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ConversationInfo } from '../../../common/contract';
import { desk } from '../../api';
import { TimelinePager } from './timelinePager';

/** The open conversation's messages in memory, for the timeline to show and the coding panel to code. */
export function useTimelinePager(conversation: ConversationInfo): TimelinePager {
  const [pager] = useState(
    () =>
      new TimelinePager((from, count) => desk().timelineWindow({ conversationId: conversation.id, from, count }), conversation.messages),
  );
  useEffect(() => {
    pager.start();
    return () => pager.stop();
  }, [pager]);
  useSyncExternalStore(pager.subscribe, pager.getVersion);
  return pager;
}
