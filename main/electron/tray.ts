import { Menu, Tray, nativeImage } from 'electron';
import { join } from 'node:path';

export type TrayState = 'idle' | 'syncing' | 'error';

export interface TrayActions {
  open(): void;
  syncAll(): void;
  setBackgroundPaused(paused: boolean): void;
  quit(): void;
}

/** Tray icon with idle / syncing / error states and the background-sync menu. */
export class AppTray {
  private readonly tray: Tray;
  private state: TrayState = 'idle';
  private paused = false;
  private lastSyncAt: number | null = null;

  constructor(private readonly iconDir: string, private readonly actions: TrayActions) {
    this.tray = new Tray(this.icon('idle'));
    this.tray.setToolTip('Tradelog');
    this.tray.on('click', () => actions.open());
    this.render();
  }

  update(patch: { state?: TrayState; paused?: boolean; lastSyncAt?: number | null }): void {
    if (patch.state !== undefined && patch.state !== this.state) {
      this.state = patch.state;
      this.tray.setImage(this.icon(this.state));
    }
    if (patch.paused !== undefined) this.paused = patch.paused;
    if (patch.lastSyncAt !== undefined) this.lastSyncAt = patch.lastSyncAt;
    this.render();
  }

  destroy(): void {
    this.tray.destroy();
  }

  private icon(state: TrayState): Electron.NativeImage {
    return nativeImage.createFromPath(join(this.iconDir, `tray-${state}.png`));
  }

  private render(): void {
    const last = this.lastSyncAt === null ? 'Never synced' : `Last sync ${new Date(this.lastSyncAt).toLocaleString()}`;
    this.tray.setContextMenu(Menu.buildFromTemplate([
      { label: 'Open Tradelog', click: () => this.actions.open() },
      { label: 'Sync all now', click: () => this.actions.syncAll() },
      {
        label: this.paused ? 'Resume background sync' : 'Pause background sync',
        click: () => this.actions.setBackgroundPaused(!this.paused),
      },
      { type: 'separator' },
      { label: last, enabled: false },
      { type: 'separator' },
      { label: 'Quit', click: () => this.actions.quit() },
    ]));
  }
}
