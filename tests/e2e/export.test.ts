import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './harness/app'
import { demoData } from '../helpers/targets-demo'
import { importDemo } from './harness/demo'
import { tmpDir } from '../helpers/tmp'

let app: RunningApp

beforeAll(async () => {
  app = await startApp({ width: 1280, height: 720 })
  await importDemo(app)
})

afterAll(async () => {
  await app?.close()
})

describe('Settings > Workspace: export everything (issue #18)', () => {
  it('asks where to save in the main process and writes one zip of every table and the settings', async () => {
    await app.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click()
    const button = app.page.getByRole('button', { name: 'Export everything…' })
    await button.scrollIntoViewIfNeeded()

    // Cancelled in the dialog: nothing written, nothing said.
    const dir = tmpDir()
    app.loop.dialogs.answers.push(null)
    await button.click()
    await expect.poll(() => app.loop.dialogs.asked.length).toBe(1)
    await app.page.getByRole('button', { name: 'Export everything…', disabled: false }).waitFor()
    expect(readdirSync(dir)).toEqual([])

    const out = join(dir, 'everything.zip')
    app.loop.dialogs.answers.push(out)
    await button.click()
    // The notice names the zip, not the folder the user chose it in.
    await app.page.getByText('and the settings to everything.zip, in the folder you chose.').waitFor()
    expect(app.loop.dialogs.asked.filter((d) => d.title === 'Export everything')).toEqual([
      { kind: 'save', title: 'Export everything' },
      { kind: 'save', title: 'Export everything' },
    ])
    expect(existsSync(out)).toBe(true)
    const entries = unzipSync(readFileSync(out))
    expect(Object.keys(entries)).toEqual(
      expect.arrayContaining(['tables/leads.csv', 'tables/opportunities.csv', 'settings.json', 'manifest.json']),
    )
    const manifest = JSON.parse(strFromU8(entries['manifest.json'] as Uint8Array)) as { tables: { name: string; rows: number }[] }
    expect(manifest.tables.find((t) => t.name === 'leads')?.rows).toBe(demoData().leads.length)
    await app.page.locator('#workspace-title').scrollIntoViewIfNeeded()
    await app.screenshot('settings-workspace-export')
  })
})
