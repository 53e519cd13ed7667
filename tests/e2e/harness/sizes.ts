import AxeBuilder from '@axe-core/playwright'
import { afterAll, beforeAll } from 'vitest'
import { startApp, type RunningApp } from './app'

/** The two window sizes issue #14 found its layout faults at. */
export const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
] as const

/** One app for the tests of a describe block, at a size, seeded once; the tests read it through the getter. */
export function appAt(size: { width: number; height: number }, seed: (app: RunningApp) => Promise<void>): () => RunningApp {
  let app: RunningApp | undefined
  beforeAll(async () => {
    app = await startApp(size)
    await seed(app)
  })
  afterAll(async () => {
    await app?.close()
  })
  return () => {
    if (!app) throw new Error('the app has not started')
    return app
  }
}

/** axe-core's serious and critical findings on the page, one line each. */
export async function seriousViolations(app: RunningApp): Promise<string[]> {
  const result = await new AxeBuilder({ page: app.page }).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

export const nav = (app: RunningApp, label: string) =>
  app.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: label })
