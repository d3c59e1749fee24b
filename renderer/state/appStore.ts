import { create } from 'zustand';
import type { EngineStatus } from '../../shared/domain/engine';
import type { Job, JobProgress } from '../../shared/domain/types';
import type { AppInfo, EventPayloads } from '../../shared/ipc/contract';
import type { Settings } from '../../shared/settings';
import type { BridgeStatus } from '../bridge/api';

export interface Notice {
  id: number;
  level: EventPayloads['notice']['level'];
  message: string;
  accountId?: string;
}

export interface AppState {
  bridge: BridgeStatus;
  info: AppInfo | null;
  engine: EngineStatus | null;
  /** Latest state of every job main told us about this session, by id. */
  jobs: Record<string, Job>;
  progress: Record<string, JobProgress>;
  notices: Notice[];
  /** Set when opening the journal database failed: the app cannot work without it. */
  storeError: string | null;
  settings: Settings | null;

  setBridge(status: BridgeStatus): void;
  setInfo(info: AppInfo): void;
  setEngine(status: EngineStatus): void;
  upsertJob(job: Job): void;
  setProgress(jobId: string, progress: JobProgress): void;
  pushNotice(notice: Omit<Notice, 'id'>): void;
  dismissNotice(id: number): void;
  setStoreError(message: string | null): void;
  setSettings(settings: Settings): void;
}

let nextNoticeId = 1;
const MAX_NOTICES = 5;

export const useAppStore = create<AppState>()((set) => ({
  bridge: 'connecting',
  info: null,
  engine: null,
  jobs: {},
  progress: {},
  notices: [],
  storeError: null,
  settings: null,

  setBridge: (bridge) => set({ bridge }),
  setInfo: (info) => set({ info }),
  setEngine: (engine) => set({ engine }),
  upsertJob: (job) => set((state) => ({ jobs: { ...state.jobs, [job.id]: job } })),
  setProgress: (jobId, progress) => set((state) => ({ progress: { ...state.progress, [jobId]: progress } })),
  pushNotice: (notice) => set((state) => ({ notices: [...state.notices, { ...notice, id: nextNoticeId++ }].slice(-MAX_NOTICES) })),
  dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((n) => n.id !== id) })),
  setStoreError: (storeError) => set({ storeError }),
  setSettings: (settings) => set({ settings }),
}));
