import { afterEach, beforeEach } from 'vitest'
import { useStore } from '../../src/renderer/src/store'
import { createLoopback, type Loopback } from '../helpers/loopback'
import { tmpDir } from '../helpers/tmp'

/**
 * For a renderer test file: before each test, a new workspace behind `window.api` (the real main-process
 * handlers, in-process) and the store as the app starts; after it, the workspace closed. Returns the
 * current test's loopback (its workspace, dialogs and events).
 */
export function appPerTest(): () => Loopback {
  const initial = useStore.getState()
  let loop: Loopback | null = null
  beforeEach(async () => {
    loop = await createLoopback({ dir: tmpDir(), appUrl: 'http://tandem.test/' })
    window.api = loop.api()
    useStore.setState(initial, true)
  })
  afterEach(() => loop?.close())
  return () => {
    if (!loop) throw new Error('appPerTest: no test is running')
    return loop
  }
}
