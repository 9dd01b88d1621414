import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    // Runtime dependencies (the SQLite addon, pdfkit, …) stay in node_modules; app code is bundled.
    build: { rollupOptions: { input: { index: resolve(__dirname, 'src/main/electron/index.ts') } } },
  },
  preload: {
    // A sandboxed preload cannot require(), so everything it uses is bundled into one file.
    build: {
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      // Less script for the window to parse before Today can ask for its rows.
      minify: true,
      rollupOptions: {
        input: resolve(__dirname, 'src/renderer/index.html'),
        // A feature's index only re-exports. Saying so lets the pages the app loads lazily stay out
        // of the first chunk even though Today imports other things from the same index.
        treeshake: {
          moduleSideEffects: (id) => !/[\\/]src[\\/]renderer[\\/]src[\\/]features[\\/][^\\/]+[\\/]index\.ts$/.test(id),
        },
        experimental: { lazyBarrel: true },
      },
    },
    plugins: [react()],
  },
});
