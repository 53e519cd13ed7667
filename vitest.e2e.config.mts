import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'src/shared') } },
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.test.ts', 'tests/electron/**/*.test.ts'],
    // Records the sockets the main-process code opens during each file: none may leave the machine.
    setupFiles: ['tests/e2e/harness/no-network.ts'],
    testTimeout: 60000,
    hookTimeout: 60000,
    // One browser at a time: the machines have two cores.
    fileParallelism: false,
  },
})
