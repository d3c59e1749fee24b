import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served from file:// in Electron and from 127.0.0.1 in browser mode: relative base.
export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: 'public',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
});
