import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'

const alias = { '@shared': resolve(__dirname, 'src/shared') }

/**
 * The dev server needs React Fast Refresh's inline preamble and a websocket, which the strict CSP of
 * index.html forbids. Only under `electron-vite dev` is the policy widened for them; the built app
 * keeps the strict one.
 */
function devCsp(): Plugin {
  return {
    name: 'tandem-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws://localhost:*"),
  }
}

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      // Everything is bundled except better-sqlite3 (a native module): in the packaged app the worker
      // threads run from app.asar.unpacked, where only better-sqlite3 is unpacked beside them.
      externalizeDeps: { exclude: ['zod', 'papaparse', 'saxes'] },
      // Worker threads are entries of their own, written next to index.js (see src/main/workers.ts).
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          'parse-worker': resolve(__dirname, 'src/main/import/worker/parse-worker.ts'),
          'import-job': resolve(__dirname, 'src/main/import/worker/import-job.ts'),
          'read-worker': resolve(__dirname, 'src/main/services/read-worker.ts'),
        },
        // Shared chunks stay next to the entries: code in them finds the workers through its __dirname.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      // A sandboxed preload can only require('electron'): bundle everything else into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: { external: ['electron'], output: { format: 'cjs' } },
    },
  },
  renderer: {
    resolve: { alias },
    plugins: [react(), devCsp()],
    build: { sourcemap: false },
  },
})
