import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

const alias = {
  '@shared': resolve(import.meta.dirname, 'src/shared'),
  // Tests never load the real Electron (its binary cannot be downloaded here and must not be needed):
  // the main-process glue is tested against this fake.
  electron: resolve(import.meta.dirname, 'tests/helpers/fake-electron.ts'),
}

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'main',
          environment: 'node',
          include: ['tests/main/**/*.test.ts'],
          // The CLI tests run the built command line (out/cli): it is rebuilt first when out of date.
          globalSetup: ['tests/helpers/cli-setup.ts'],
          testTimeout: 20000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['tests/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/renderer/setup.ts'],
          // The workers the views reach through the loopback are bundled first, outside jsdom.
          globalSetup: ['tests/helpers/worker-setup.ts'],
          // A view test renders, waits for the loopback's answers and re-renders; on a busy 2-core machine
          // that takes several seconds, so the renderer gets the main project's limit, not vitest's 5 s.
          testTimeout: 20000,
        },
      },
    ],
  },
})
