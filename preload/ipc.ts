import { ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { IPC } from '../shared/ipc/electronChannels';
import type { Reply } from '../shared/ipc/wire';
import type { ApiTransport } from './api';

/** The only renderer-side file that touches ipcRenderer (lint enforces it). */
export const electronTransport: ApiTransport = {
  invoke: (channel, input) => ipcRenderer.invoke(IPC.request, channel, input) as Promise<Reply>,

  subscribe(listener) {
    const wrapped = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(IPC.event, wrapped);
    return () => {
      ipcRenderer.removeListener(IPC.event, wrapped);
    };
  },

  serveStore(handler) {
    const wrapped = (_event: IpcRendererEvent, id: unknown, method: unknown, args: unknown): void => {
      if (typeof id !== 'number' || typeof method !== 'string' || !Array.isArray(args)) return;
      void handler(method, args).then((reply) => ipcRenderer.send(IPC.storeReply, id, reply));
    };
    ipcRenderer.on(IPC.storeCall, wrapped);
    ipcRenderer.send(IPC.storeReady, true);
    return () => {
      ipcRenderer.removeListener(IPC.storeCall, wrapped);
      ipcRenderer.send(IPC.storeReady, false);
    };
  },
};
