import { ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { IPC, STORE_PORT_MESSAGE } from '../shared/ipc/electronChannels';
import type { Reply } from '../shared/ipc/wire';
import type { ApiTransport } from './api';

// The only renderer-side file that touches ipcRenderer (lint enforces it).

// The port main sends goes to the page as a transferred MessagePort (the documented way across
// context isolation); the page hands it to its store worker. Nothing else crosses this way.
ipcRenderer.on(IPC.storePort, (event: IpcRendererEvent) => {
  // Posted to this very window (the app's file:// page, whose origin is opaque, hence '*').
  window.postMessage(STORE_PORT_MESSAGE, '*', [...event.ports]);
});

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

  requestStorePort() {
    ipcRenderer.send(IPC.storePortRequest);
  },
};
