/**
 * Registers every contract channel with ipcMain by iterating the contract, so a channel cannot be
 * declared and forgotten. Each call's sender must be the app window's top frame showing the app's own
 * origin; its payload is then parsed by `dispatch` before any handler runs.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNELS, type Envelope } from '../../common/contract';
import type { Dispatch } from '../dispatch';
import { ELECTRON_ORIGIN, isAppUrl } from '../security/policy';

type SenderCheck = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

export function isTrustedSender(event: SenderCheck, window: () => WebContents | null): boolean {
  const frame = event.senderFrame;
  const contents = window();
  if (!frame || !contents) return false;
  return event.sender === contents && frame === contents.mainFrame && frame.parent === null && isAppUrl(frame.url, ELECTRON_ORIGIN);
}

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch, window: () => WebContents | null): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, payload): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event, window)) {
        return { ok: false, error: { name: 'UntrustedSenderError', message: `${channel}: refused a call from an untrusted frame` } };
      }
      return dispatch(channel, payload);
    });
  }
}
