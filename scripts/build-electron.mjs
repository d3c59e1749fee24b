// Bundles the Electron main process and the preload (the renderer is built by Vite).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning', format: 'cjs' };

// Main: npm packages stay in node_modules (keytar is native; electron-builder packs production deps).
await build({ ...common, entryPoints: ['main/electron/main.ts'], outfile: 'dist/main/electron.cjs', packages: 'external' });

// Preload: a sandboxed preload may require only 'electron', so everything else is bundled in.
await build({ ...common, entryPoints: ['preload/index.ts'], outfile: 'dist/preload/preload.cjs', external: ['electron'] });

console.log('built dist/main/electron.cjs and dist/preload/preload.cjs');
