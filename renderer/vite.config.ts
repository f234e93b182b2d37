import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer build (`vite build renderer`: the root is this folder). Loaded from file:// by
// Electron and served at / by the backend, so every path is relative (base './') and nothing is
// inlined as script (the CSP allows 'self' only).
export default defineConfig({
  base: './',
  plugins: [react()],
  // npm sets npm_package_version for `npm run build:renderer`.
  define: { __APP_VERSION__: JSON.stringify(process.env.npm_package_version ?? '0.0.0-dev') },
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    sourcemap: true,
  },
  server: { port: 5173, strictPort: true },
});
