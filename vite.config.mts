import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { woff2Only } from './scripts/vite/woff2-only.mjs';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  // Relative asset URLs: the same build is served from app://desk/ (Electron) and the shell's origin.
  base: './',
  plugins: [react(), woff2Only()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome120',
    // One script, no module preload polyfill: nothing inline, so the CSP can stay script-src 'self'.
    modulePreload: { polyfill: false },
    // One bundle read from the local disk, never downloaded: size warnings tuned for the web do not apply.
    chunkSizeWarningLimit: 2048,
  },
});
