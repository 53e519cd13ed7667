import { appendFileSync, mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, expect } from 'vitest'
import { recordSockets } from '../../helpers/socket-recorder'

/**
 * Set up before every end-to-end test file (vitest.e2e.config.mts): the main-process services run in this
 * process behind the loopback bridge, so every socket this process opens is recorded. At the end of the
 * file none may leave the machine, and none may have been opened by the app's own code (the test's own
 * requests to its bridge are loopback). The page's requests are checked by the harness (app.ts). Worker
 * threads (the import's parser) are not covered: they have no network code and are checked by the lint.
 */
const recorder = recordSockets()

afterAll(() => {
  const { opened } = recorder
  recorder.stop()
  const dir = resolve(import.meta.dirname, '../../../test-results')
  mkdirSync(dir, { recursive: true })
  const file = expect.getState().testPath ?? 'unknown'
  appendFileSync(
    resolve(dir, 'no-network.txt'),
    `${file.replace(/^.*tests[\\/]/, 'tests/')}: ${opened.length} sockets opened by the test process, ` +
      `${opened.filter((o) => !o.loopback).length} off the machine, ${opened.filter((o) => o.fromApp).length} by the app's code\n`,
  )
  expect(opened.filter((o) => !o.loopback).map((o) => o.to)).toEqual([])
  expect(opened.filter((o) => o.fromApp).map((o) => `${o.to}\n${o.stack}`)).toEqual([])
})
