// Types for scripts/electron-binary.mjs (plain JS, shared with scripts/start.mjs), which
// playwright.config.ts imports to find the same binary `npm start` would run.
declare module '*/scripts/electron-binary.mjs' {
  /** The Electron binary under node_modules/electron (or ELECTRON_OVERRIDE_DIST_PATH), or null. Never downloads. */
  export function electronBinaryPath(): string | null;
}
