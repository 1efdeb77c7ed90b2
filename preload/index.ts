/**
 * The Electron preload: the only file that touches ipcRenderer. It exposes `window.desk`, one method
 * per contract channel — never ipcRenderer itself. Bundled to a single file (sandboxed preloads cannot
 * require project modules).
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { makeApi } from '../common/contract/api';
import type { Envelope } from '../common/contract';

const api = makeApi(
  (channel, args) => ipcRenderer.invoke(channel, args) as Promise<Envelope<unknown>>,
  (event, listener) => {
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, handler);
    return () => {
      ipcRenderer.off(event, handler);
    };
  },
  (file) => {
    try {
      return webUtils.getPathForFile(file as File) || null;
    } catch {
      return null;
    }
  },
);

contextBridge.exposeInMainWorld('desk', api);
