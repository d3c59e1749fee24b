import { contextBridge } from 'electron';
import { API_GLOBAL, createApi } from './api';
import { electronTransport } from './ipc';

// A small, named API (no raw ipcRenderer) in the isolated world; the page sees only this object.
contextBridge.exposeInMainWorld(API_GLOBAL, createApi(electronTransport));
