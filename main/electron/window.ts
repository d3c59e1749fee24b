import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './security';

export interface MainWindowOptions {
  preloadPath: string;
  indexHtml: string;
  iconPath: string;
  startHidden: boolean;
  /** Asked when the user closes the window: true = hide to the tray instead of quitting. */
  hideOnClose: () => boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Tradelog',
    icon: options.iconPath,
    backgroundColor: '#0f1420',
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => {
    if (!options.startHidden) window.show();
  });
  window.on('close', (event) => {
    if (options.hideOnClose()) {
      event.preventDefault();
      window.hide();
    }
  });
  void window.loadFile(options.indexHtml);
  return window;
}
